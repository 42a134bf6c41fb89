namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>Which recurrent cell a forecaster uses.</summary>
public enum RecurrentCell
{
    /// <summary>Long short-term memory with normalization inside the recurrence (<see cref="LayerNormLstm"/>).</summary>
    Lstm,

    /// <summary>Gated recurrent unit with normalization inside the recurrence (<see cref="LayerNormGru"/>).</summary>
    Gru,
}
