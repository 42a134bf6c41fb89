namespace MLNetNorm.Tests.TestData;

/// <summary>Scores texts with a saved text classifier in another process (MLNetNorm.Tests.ModelHost's <c>text</c> mode).</summary>
internal static class TextModelHostProcess
{
    public static float[][] ScoreTexts(string modelPath, IReadOnlyList<string> texts, string textColumn)
    {
        var input = Path.Combine(Path.GetTempPath(), $"mlnetnorm-text-{Guid.NewGuid():N}.in");
        var output = Path.ChangeExtension(input, ".out");
        try
        {
            using (var writer = new BinaryWriter(File.Create(input)))
            {
                writer.Write(texts.Count);
                foreach (var text in texts)
                {
                    writer.Write(text);
                }
            }

            ModelHostProcess.Run("text", modelPath, input, textColumn, output);
            using var reader = new BinaryReader(File.OpenRead(output));
            var (count, size) = (reader.ReadInt32(), reader.ReadInt32());
            return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => reader.ReadSingle()).ToArray()).ToArray();
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
