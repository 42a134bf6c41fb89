using MLNetNorm.Normalization;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Training;
using static MLNetNorm.Tests.Sweeping.SearchSpaceTests;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class ParameterSetTests
{
    [TestMethod]
    public void Json_RoundTripsValuesAndTheirTypes()
    {
        var set = Set(("Kind", NormKind.RmsNorm), ("Rate", 1.0), ("Tiny", 1e-7), ("Layers", 4), ("Big", long.MaxValue), ("UseBias", true), ("Name", "quote\" and \\ backslash"));
        var json = set.ToJson();

        Assert.AreEqual("{\"Kind\":\"RmsNorm\",\"Rate\":1.0,\"Tiny\":1E-07,\"Layers\":4,\"Big\":9223372036854775807,\"UseBias\":true,\"Name\":\"quote\\u0022 and \\\\ backslash\"}", json);
        var back = ParameterSet.FromJson(json);
        Assert.AreEqual(set, back);
        Assert.IsInstanceOfType<double>(back["Rate"]);
        Assert.IsInstanceOfType<long>(back["Layers"]);
        Assert.AreEqual("quote\" and \\ backslash", back.GetString("Name"));
        Assert.AreEqual(json, back.ToJson());
    }

    [TestMethod]
    public void Json_SampledSetsRoundTripExactly()
    {
        var space = new SearchSpace().AddFloat("A", 1e-6, 1, logScale: true).AddFloat("B", -3, 3).AddInteger("C", -5, 5);
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
        {
            var set = space.Sample(random);
            var back = ParameterSet.FromJson(set.ToJson());
            Assert.AreEqual(set.GetDouble("A"), back.GetDouble("A"));
            Assert.AreEqual(set.GetDouble("B"), back.GetDouble("B"));
            Assert.AreEqual(set.GetInt64("C"), back.GetInt64("C"));
        }
    }

    [TestMethod]
    public void FromJson_RejectsWhatIsNotAParameterObject()
    {
        Assert.ThrowsExactly<FormatException>(() => ParameterSet.FromJson("[1, 2]"));
        Assert.ThrowsExactly<FormatException>(() => ParameterSet.FromJson("{\"A\": {\"nested\": 1}}"));
        Assert.ThrowsExactly<FormatException>(() => ParameterSet.FromJson("{\"A\": 1"));
        Assert.ThrowsExactly<FormatException>(() => ParameterSet.FromJson("{\"A\": 99999999999999999999}"));
        Assert.Contains("more than once", Assert.ThrowsExactly<ArgumentException>(() => ParameterSet.FromJson("{\"A\": 1, \"A\": 2}")).Message);
    }

    [TestMethod]
    public void TypedAccessors_ConvertOrExplain()
    {
        var set = Set(("Kind", "PostNorm"), ("Layers", 3), ("Rate", 0.5), ("Huge", 1L << 40));
        Assert.AreEqual(NormPlacement.PostNorm, set.GetEnum<NormPlacement>("Kind"));
        Assert.AreEqual(3, set.GetInt32("Layers"));
        Assert.AreEqual(3.0, set.GetDouble("Layers"));
        Assert.Contains("not a Int64", Assert.ThrowsExactly<InvalidCastException>(() => set.GetInt64("Rate")).Message);
        Assert.ThrowsExactly<OverflowException>(() => set.GetInt32("Huge"));
        Assert.Contains("it has: Kind, Layers, Rate, Huge", Assert.ThrowsExactly<KeyNotFoundException>(() => set.GetDouble("Missing")).Message);
        Assert.Contains("PreNorm, PostNorm", Assert.ThrowsExactly<ArgumentException>(() => Set(("Kind", "Sideways")).GetEnum<NormPlacement>("Kind")).Message);
    }

    [TestMethod]
    public void ApplyTo_SetsOptionsPropertiesByName()
    {
        var options = new ModelOptions();
        Set(("Kind", "RmsNorm"), ("Placement", "PostNorm"), ("LearningRate", 0.003), ("WarmupSteps", 400), ("Epsilon", 1e-6), ("Width", 128), ("Tag", "x"), ("RecordGradientStatistics", false), ("Seed", 9))
            .ApplyTo(options);

        Assert.AreEqual(NormKind.RmsNorm, options.Kind);
        Assert.AreEqual(NormPlacement.PostNorm, options.Placement);
        Assert.AreEqual(0.003, options.LearningRate);
        Assert.AreEqual(400, options.WarmupSteps);
        Assert.AreEqual(1e-6f, options.Epsilon);
        Assert.AreEqual(128, options.Width);
        Assert.AreEqual("x", options.Tag);
        Assert.IsFalse(options.RecordGradientStatistics);
        Assert.AreEqual(9, options.Seed);
        Assert.AreEqual(20, options.Epochs, "parameters not in the set leave their options alone");
    }

    [TestMethod]
    public void ApplyTo_ExplainsUnknownNamesAndWrongTypes()
    {
        var options = new ModelOptions();
        var unknown = Assert.ThrowsExactly<ArgumentException>(() => Set(("Depth", 3)).ApplyTo(options)).Message;
        Assert.Contains("'Depth'", unknown);
        Assert.Contains("ModelOptions", unknown);
        Assert.Contains("WarmupSteps", unknown, "the message lists the settable properties");
        Assert.Contains("ReadOnly", Assert.ThrowsExactly<ArgumentException>(() => Set(("ReadOnly", 1)).ApplyTo(options)).Message);
        Assert.Contains("cannot set ModelOptions.WarmupSteps of type Int32", Assert.ThrowsExactly<ArgumentException>(() => Set(("WarmupSteps", 2.5)).ApplyTo(options)).Message);
        Assert.Contains("out of range for ModelOptions.Width", Assert.ThrowsExactly<ArgumentException>(() => Set(("Width", 1L << 40)).ApplyTo(options)).Message);
        Assert.Contains("not a member of NormKind", Assert.ThrowsExactly<ArgumentException>(() => Set(("Kind", "BatchNorm")).ApplyTo(options)).Message);
        Assert.Contains("cannot set ModelOptions.Kind", Assert.ThrowsExactly<ArgumentException>(() => Set(("Kind", 1)).ApplyTo(options)).Message);
    }

    private sealed class ModelOptions : NeuralTrainerOptions
    {
        public NormKind Kind { get; set; }

        public NormPlacement Placement { get; set; }

        public float Epsilon { get; set; }

        public int Width { get; set; }

        public string Tag { get; set; } = string.Empty;

        public int ReadOnly { get; } = 1;
    }
}
