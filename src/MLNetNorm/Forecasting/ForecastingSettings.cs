using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;
using MLNetNorm.Persistence;

namespace MLNetNorm.Forecasting;

/// <summary>What a fitted forecaster keeps from its options: the columns, the forecast shape and the network's architecture.</summary>
internal sealed record ForecastingSettings(
    string? SeriesColumnName,
    string? TimeColumnName,
    string ValueColumnName,
    string ForecastColumnName,
    string LowerBoundColumnName,
    string UpperBoundColumnName,
    int Horizon,
    int WindowSize,
    int SeasonalPeriod,
    RecurrentCell Cell,
    int Layers,
    int HiddenSize,
    double Dropout,
    NormKind NormKind,
    double ConfidenceLevel,
    int EnsembleSize,
    int SkipLength,
    int RecurrentLength,
    ForecastScaling Scaling)
{
    /// <summary>The name of the output column holding the series ids.</summary>
    public string OutputSeriesColumnName => SeriesColumnName ?? "SeriesId";

    public static ForecastingSettings From(LayerNormRnnForecasterOptions o) =>
        new(o.SeriesColumnName, o.TimeColumnName, o.ValueColumnName, o.ForecastColumnName, o.LowerBoundColumnName, o.UpperBoundColumnName,
            o.Horizon, o.EffectiveWindowSize, o.SeasonalPeriod, o.Cell, o.Layers, o.HiddenSize, o.Dropout, o.NormKind, o.ConfidenceLevel, o.EnsembleSize, o.EffectiveSkipLength, o.EffectiveRecurrentLength, o.Scaling);

    public void Write(BinaryWriter writer)
    {
        WriteOptional(writer, SeriesColumnName);
        WriteOptional(writer, TimeColumnName);
        writer.Write(ValueColumnName);
        writer.Write(ForecastColumnName);
        writer.Write(LowerBoundColumnName);
        writer.Write(UpperBoundColumnName);
        writer.Write(Horizon);
        writer.Write(WindowSize);
        writer.Write(SeasonalPeriod);
        writer.Write((int)Cell);
        writer.Write(Layers);
        writer.Write(HiddenSize);
        writer.Write(Dropout);
        writer.Write((int)NormKind);
        writer.Write(ConfidenceLevel);
        writer.Write(EnsembleSize);
        writer.Write(SkipLength);
        writer.Write(RecurrentLength);
        writer.Write((int)Scaling);
    }

    public static ForecastingSettings Read(BinaryReader reader)
    {
        var settings = new ForecastingSettings(ReadOptional(reader), ReadOptional(reader), reader.ReadString(), reader.ReadString(), reader.ReadString(),
            reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), ModelPersistence.ReadEnum<RecurrentCell>(reader), reader.ReadInt32(),
            reader.ReadInt32(), reader.ReadDouble(), ModelPersistence.ReadEnum<NormKind>(reader), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
            ModelPersistence.ReadEnum<ForecastScaling>(reader));
        if (settings.Horizon <= 0 || settings.WindowSize <= 0 || settings.SeasonalPeriod <= 0 || settings.Layers <= 0 || settings.HiddenSize <= 0 || settings.EnsembleSize <= 0
            || settings.SkipLength <= 0 || settings.SkipLength > settings.WindowSize || settings.RecurrentLength <= 0 || settings.RecurrentLength > settings.WindowSize)
        {
            throw new InvalidDataException(
                $"The stored forecaster settings are invalid (horizon {settings.Horizon}, window {settings.WindowSize}, season {settings.SeasonalPeriod}, " +
                $"layers {settings.Layers}, hidden {settings.HiddenSize}, ensemble {settings.EnsembleSize}, skip {settings.SkipLength}, recurrent {settings.RecurrentLength}): " +
                "every size must be positive and the skip and recurrent lengths at most the window.");
        }

        return settings;
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        writer.Write(value ?? string.Empty);
    }

    private static string? ReadOptional(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        var value = reader.ReadString();
        return present ? value : null;
    }
}
