// Mode `forecast <model.zip> <output.bin>`: loads a saved forecaster in this fresh process and writes the forecasts of its
// stored series: int series, int horizon, then per series its id and the forecast, lower and upper vectors.
using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Persistence;

internal static class ForecastMode
{
    public static int Run(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: forecast <model.zip> <output.bin>");
            return 2;
        }

        var model = (LayerNormRnnForecastingTransformer)ModelFile.Load(new MLContext(seed: 3), args[1], out _);
        var forecasts = model.ForecastTrainedSeries();
        using var writer = new BinaryWriter(File.Create(args[2]));
        writer.Write(forecasts.Count);
        writer.Write(model.Horizon);
        foreach (var f in forecasts)
        {
            writer.Write(f.SeriesId);
            foreach (var value in f.Forecast.Concat(f.LowerBound).Concat(f.UpperBound))
            {
                writer.Write(value);
            }
        }

        return 0;
    }
}
