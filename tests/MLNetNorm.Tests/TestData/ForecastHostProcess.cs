namespace MLNetNorm.Tests.TestData;

/// <summary>Loads a saved forecaster in another process (the model host's <c>forecast</c> mode) and reads back its forecasts.</summary>
internal static class ForecastHostProcess
{
    public static List<(string Id, float[] Forecast, float[] Lower, float[] Upper)> ForecastTrainedSeries(string modelPath)
    {
        var output = Path.Combine(Path.GetTempPath(), $"mlnetnorm-forecast-{Guid.NewGuid():N}.out");
        try
        {
            ModelHostProcess.Run("forecast", modelPath, output);
            using var reader = new BinaryReader(File.OpenRead(output));
            var (count, horizon) = (reader.ReadInt32(), reader.ReadInt32());
            float[] Read() => Enumerable.Range(0, horizon).Select(_ => reader.ReadSingle()).ToArray();
            return Enumerable.Range(0, count).Select(_ => (reader.ReadString(), Read(), Read(), Read())).ToList();
        }
        finally
        {
            File.Delete(output);
        }
    }
}
