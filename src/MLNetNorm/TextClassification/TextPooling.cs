namespace MLNetNorm.TextClassification;

/// <summary>How the encoder's token states become one vector for the classifier head.</summary>
public enum TextPooling
{
    /// <summary>The mean over the sequence's tokens (padding excluded); usually the better choice on small data.</summary>
    Mean,

    /// <summary>The state of the first token, the classification token [CLS] that starts every sequence (as in BERT).</summary>
    FirstToken,

    /// <summary>
    /// The element-wise maximum over the sequence's tokens (padding excluded), as in the max-over-time pooling of
    /// convolutional sentence classifiers (Kim 2014): a feature fires if any token triggers it.
    /// </summary>
    Max,
}
