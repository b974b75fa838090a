namespace Seer.Toolkit.Components.Optim;

/// <summary>A learning rate as a pure function of the number of updates already made.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate of update <paramref name="step"/> (0-based).</summary>
    double At(long step);
}
