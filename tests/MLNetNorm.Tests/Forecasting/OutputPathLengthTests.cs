using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.TestData;
using TorchSharp;
using static TorchSharp.torch;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Forecasting;

/// <summary><see cref="LayerNormRnnForecasterOptions.SkipLength"/> and <see cref="LayerNormRnnForecasterOptions.RecurrentLength"/>: which part of the window each path reads.</summary>
[TestClass]
public sealed class OutputPathLengthTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void DefaultSkip_IsTheLastSeason()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 60));
        var explicitOptions = Options(epochs: 2);
        explicitOptions.SkipLength = Season;

        var automatic = Fit(mlContext, data, Options(epochs: 2)).ForecastTrainedSeries();
        var explicitSeason = Fit(mlContext, data, explicitOptions).ForecastTrainedSeries();

        Assert.AreEqual(Season, Options().EffectiveSkipLength);
        AssertSame(explicitSeason, automatic);
    }

    [TestMethod]
    public void WholeWindowSkip_ChangesTheModel_AndSavesAndLoadsWithIdenticalForecasts()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 60));
        var options = Options(epochs: 2);
        options.SkipLength = Window;
        var model = Fit(mlContext, data, options);

        var loaded = SaveAndLoad(TestContext, mlContext, model, data);

        var forecasts = model.ForecastTrainedSeries();
        AssertSame(forecasts, loaded.ForecastTrainedSeries());
        var lastSeason = Fit(mlContext, data, Options(epochs: 2)).ForecastTrainedSeries();
        Assert.IsTrue(forecasts.Zip(lastSeason).Any(p => !p.First.Forecast.SequenceEqual(p.Second.Forecast)), "a longer skip is a different network");
        Assert.IsTrue(forecasts.All(f => f.Forecast.All(float.IsFinite)));
    }

    [TestMethod]
    public void RecurrentLengthOfTheWholeWindow_IsTheDefault()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 60));
        var explicitOptions = Options(epochs: 2);
        explicitOptions.RecurrentLength = Window;

        AssertSame(Fit(mlContext, data, explicitOptions).ForecastTrainedSeries(), Fit(mlContext, data, Options(epochs: 2)).ForecastTrainedSeries());
    }

    [TestMethod]
    public void ShortRecurrentRead_IgnoresOlderSteps_AndTheSkipReadsOnlyItsOwnSteps()
    {
        using var noGrad = no_grad();
        random.manual_seed(4);
        using var features = randn(2, Window, ForecastWindows.FeaturesPerStep);

        // Recurrent read 8, skip 4: steps before the last 8 reach neither path.
        using (var network = Network(recurrent: 8, skip: 4))
        using (var older = features.clone())
        {
            older.narrow(1, 0, Window - 8).add_(5.0);
            using var expected = network.call(features);
            using var changed = network.call(older);
            Assert.IsTrue(expected.allclose(changed, rtol: 0, atol: 0), "steps before the recurrent read change nothing");
        }

        // Recurrent read 4, skip 8: steps [W − 8, W − 4) can reach the output only through the skip.
        using (var network = Network(recurrent: 4, skip: 8))
        using (var skipOnly = features.clone())
        {
            skipOnly.narrow(1, Window - 8, 4).select(2, 0).add_(1.0);
            using var expected = network.call(features);
            using var changed = network.call(skipOnly);
            Assert.IsFalse(expected.allclose(changed), "values read only by the skip reach the output");
        }

        static RnnForecastingNetwork Network(int recurrent, int skip)
        {
            var options = Options();
            (options.RecurrentLength, options.SkipLength) = (recurrent, skip);
            random.manual_seed(3);
            var network = new RnnForecastingNetwork(ForecastingSettings.From(options));
            network.eval();
            return network;
        }
    }

    [TestMethod]
    public void ShortRecurrentRead_SavesAndLoadsWithIdenticalForecasts()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(2, 50));
        var options = Options(epochs: 1);
        (options.RecurrentLength, options.SkipLength) = (Season, Window);
        var model = Fit(mlContext, data, options);

        AssertSame(model.ForecastTrainedSeries(), SaveAndLoad(TestContext, mlContext, model, data).ForecastTrainedSeries());
    }

    [TestMethod]
    [DataRow(nameof(LayerNormRnnForecasterOptions.SkipLength), -1)]
    [DataRow(nameof(LayerNormRnnForecasterOptions.SkipLength), Window + 1)]
    [DataRow(nameof(LayerNormRnnForecasterOptions.RecurrentLength), -1)]
    [DataRow(nameof(LayerNormRnnForecasterOptions.RecurrentLength), Window + 1)]
    public void LengthOutsideTheWindow_FailsNamingTheOptionAndTheWindow(string option, int length)
    {
        var options = Options();
        typeof(LayerNormRnnForecasterOptions).GetProperty(option)!.SetValue(options, length);
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext(1).Forecasting.ForecastWithLayerNormRnn(options));
        Assert.AreEqual(option, error.ParamName);
        StringAssert.Contains(error.Message, Window.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
