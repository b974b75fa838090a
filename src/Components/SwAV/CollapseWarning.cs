namespace Seer.Toolkit.Components.SwAV;

/// <summary>Raised by <see cref="CollapseDetector"/>: the loss sat within the tolerance of ln K for <paramref name="Steps"/> steps.</summary>
public sealed record CollapseWarning(long Step, int Steps, double Loss, double LogK, string Message);
