using Seer.Toolkit.Components.Optim;

namespace Seer.Toolkit.Tests.Optim;

/// <summary>Warmup + cosine values, SEER's numbers and the per-256 scaling rule.</summary>
public class WarmupCosineScheduleTests
{
    [Fact]
    public void Warmup_is_linear_from_start_to_peak()
    {
        var s = new WarmupCosineSchedule(0.1, 1.1, 0.0, 100, 1000);
        Assert.Equal(0.1, s.At(0), 1e-15);
        Assert.Equal(0.6, s.At(50), 1e-15);
        Assert.Equal(1.1 - 0.01, s.At(99), 1e-15);
        Assert.Equal(1.1, s.At(100), 1e-15);
    }

    [Fact]
    public void Cosine_follows_the_formula_and_ends_at_the_final_value()
    {
        var s = new WarmupCosineSchedule(0.0, 2.0, 0.02, 100, 1100);
        Assert.Equal(0.02 + 0.5 * (2.0 - 0.02), s.At(600), 1e-12);                     // midpoint: cos(π/2) = 0
        Assert.Equal(0.02 + 0.5 * 1.98 * (1 + Math.Cos(Math.PI * 0.25)), s.At(350), 1e-12);
        Assert.Equal(0.02, s.At(1100), 1e-15);
        Assert.Equal(0.02, s.At(5000), 1e-15);
        for (long t = 101; t <= 1100; t++) Assert.True(s.At(t) <= s.At(t - 1));
    }

    [Fact]
    public void Seer_numbers()
    {
        var s = WarmupCosineSchedule.Seer(totalSteps: 122_000);
        Assert.Equal(0.15, s.At(0), 1e-15);
        Assert.Equal(9.6, s.At(8000), 1e-12);
        Assert.Equal(0.0096, s.At(122_000), 1e-15);
        Assert.Equal(0.0096 + 0.5 * (9.6 - 0.0096), s.At(8000 + 57_000), 1e-12);
    }

    [Fact]
    public void Learning_rate_scales_per_256_images()
    {
        Assert.Equal(9.6, LearningRateScaling.Scale(0.15, 16384), 1e-15);
        Assert.Equal(4.8, LearningRateScaling.Scale(0.3, 4096), 1e-15);
        Assert.Equal(0.15, LearningRateScaling.Scale(0.15, 256), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateScaling.Scale(0.1, 0));
    }
}
