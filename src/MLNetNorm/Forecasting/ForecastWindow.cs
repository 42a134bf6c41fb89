namespace MLNetNorm.Forecasting;

/// <summary>A forecast origin in a series: the network reads the window ending just before <paramref name="End"/>.</summary>
/// <param name="Source">The observations the window is cut from.</param>
/// <param name="End">The index in <paramref name="Source"/> just after the window (the first forecast step's index).</param>
/// <param name="FirstPosition">The series position (from 0) of <c>Source[0]</c>, for the cycle features.</param>
internal readonly record struct ForecastWindow(float[] Source, int End, long FirstPosition);
