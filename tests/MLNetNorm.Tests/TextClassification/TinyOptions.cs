using MLNetNorm.Normalization;
using MLNetNorm.TextClassification;

namespace MLNetNorm.Tests.TextClassification;

/// <summary>A tiny, quick configuration for unit tests.</summary>
internal static class TinyOptions
{
    public static TextTransformerOptions Create(NormKind norm = NormKind.LayerNorm, NormPlacement placement = NormPlacement.PreNorm, int epochs = 6) => new()
    {
        Norm = norm,
        Placement = placement,
        ModelWidth = 32,
        Heads = 2,
        Layers = 1,
        FeedForwardWidth = 64,
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 3e-3,
        WarmupSteps = 10,
        MinTokenCount = 1,
        MaxTokens = 32,
        Seed = 11,
        Device = "cpu",
        RecordGradientStatistics = false,
    };
}
