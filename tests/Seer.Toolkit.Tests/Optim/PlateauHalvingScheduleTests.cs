using Seer.Toolkit.Components.Optim;

namespace Seer.Toolkit.Tests.Optim;

/// <summary>The online schedule: halves after <c>patience</c> steps without improvement, not before; floors at the minimum.</summary>
public class PlateauHalvingScheduleTests
{
    [Fact]
    public void Halves_after_patience_steps_and_not_before()
    {
        var s = new PlateauHalvingSchedule(1.0, patience: 4, smoothing: 0);
        Assert.Equal(1.0, s.Observe(2.0));                     // the first loss sets the best
        for (int i = 0; i < 3; i++) Assert.Equal(1.0, s.Observe(2.0));
        Assert.Equal(0.5, s.Observe(2.0));                     // the 4th step without improvement
        for (int i = 0; i < 3; i++) Assert.Equal(0.5, s.Observe(2.0));
        Assert.Equal(0.25, s.Observe(2.1));
        Assert.Equal(2, s.Reductions);
    }

    [Fact]
    public void An_improvement_resets_the_count()
    {
        var s = new PlateauHalvingSchedule(1.0, patience: 3, smoothing: 0);
        double[] losses = [5, 5, 5, 4.9, 5, 5, 4.8, 5, 5];
        foreach (var l in losses) Assert.Equal(1.0, s.Observe(l));
        Assert.Equal(0.5, s.Observe(5));
    }

    [Fact]
    public void A_decreasing_noisy_loss_is_smoothed_and_keeps_the_rate()
    {
        var s = new PlateauHalvingSchedule(0.3, patience: 20, smoothing: 0.9);
        for (int i = 0; i < 2000; i++) s.Observe(5.0 * Math.Exp(-i / 500.0) + 0.05 * Math.Sin(1.7 * i));
        Assert.Equal(0.3, s.LearningRate);
        Assert.Equal(0, s.Reductions);
    }

    [Fact]
    public void Never_goes_below_the_minimum()
    {
        var s = new PlateauHalvingSchedule(1.0, patience: 1, smoothing: 0, minLr: 0.2);
        s.Observe(1.0);
        double[] expected = [0.5, 0.25, 0.2, 0.2];
        foreach (var e in expected) Assert.Equal(e, s.Observe(1.0));
        Assert.Equal(3, s.Reductions);
    }

    [Fact]
    public void Threshold_requires_a_relative_improvement()
    {
        var s = new PlateauHalvingSchedule(1.0, patience: 2, smoothing: 0, threshold: 0.01);
        s.Observe(1.0);
        Assert.Equal(1.0, s.Observe(0.995));                    // 0.5 % better: not an improvement
        Assert.Equal(0.5, s.Observe(0.994));
        Assert.Equal(0.5, s.Observe(0.98));                     // 2 % better than the best 1.0
        Assert.Equal(0.98, s.BestLoss);
    }
}
