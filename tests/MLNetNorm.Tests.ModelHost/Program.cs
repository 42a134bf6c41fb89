// Test host: `vector <model.zip> <input.bin> <inputColumn> <outputColumn> <output.bin>`.
// Loads the model in this fresh process (nothing from the saving process is carried over), scores rows read from
// input.bin (int rows, int size, then rows*size floats) and writes the output column the same way.
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Persistence;

if (args.Length > 0 && args[0] == SweepWorker.Mode)
{
    return SweepWorker.Run(args);
}

if (args.Length > 0 && args[0] == "forecast")
{
    return ForecastMode.Run(args);
}

if (args.Length > 0 && args[0] == "text")
{
    return TextMode.Run(args);
}

if (args.Length != 6 || args[0] != "vector")
{
    Console.Error.WriteLine("usage: vector <model.zip> <input.bin> <inputColumn> <outputColumn> <output.bin>");
    return 2;
}

var (modelPath, inputPath, inputColumn, outputColumn, outputPath) = (args[1], args[2], args[3], args[4], args[5]);
var mlContext = new MLContext(seed: 7);
var model = ModelFile.Load(mlContext, modelPath, out _);

float[][] rows;
using (var reader = new BinaryReader(File.OpenRead(inputPath)))
{
    var (count, size) = (reader.ReadInt32(), reader.ReadInt32());
    rows = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => reader.ReadSingle()).ToArray()).ToArray();
}

var schema = SchemaDefinition.Create(typeof(Row));
schema[0].ColumnName = inputColumn;
schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows[0].Length);
var data = mlContext.Data.LoadFromEnumerable(rows.Select(r => new Row { Values = r }), schema);
var output = model.Transform(data).GetColumn<VBuffer<float>>(outputColumn).Select(v => v.DenseValues().ToArray()).ToArray();

using (var writer = new BinaryWriter(File.Create(outputPath)))
{
    writer.Write(output.Length);
    writer.Write(output[0].Length);
    foreach (var value in output.SelectMany(r => r))
    {
        writer.Write(value);
    }
}

return 0;

internal sealed class Row
{
    public float[] Values { get; set; } = [];
}
