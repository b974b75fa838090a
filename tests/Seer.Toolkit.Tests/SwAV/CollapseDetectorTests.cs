using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.SwAV;

namespace Seer.Toolkit.Tests.SwAV;

/// <summary>The ln K plateau warning (swav#12).</summary>
public class CollapseDetectorTests
{
    [Fact]
    public void Fires_once_after_m_steps_within_one_percent_of_ln_k()
    {
        var detector = new CollapseDetector(numPrototypes: 3000, patience: 5);
        var warnings = new List<CollapseWarning>();
        detector.Warning += warnings.Add;
        double lnK = Math.Log(3000);
        for (int i = 0; i < 4; i++) Assert.False(detector.Observe(lnK * (1 + 0.009 * Math.Sin(i))));
        Assert.Empty(warnings);
        Assert.True(detector.Observe(lnK * 0.995));
        for (int i = 0; i < 20; i++) detector.Observe(lnK);
        var warning = Assert.Single(warnings);
        Assert.Equal(5, warning.Step);
        Assert.Equal(lnK, warning.LogK, 1e-12);
        Assert.Contains("epsilon", warning.Message);
        Assert.Contains("queue", warning.Message);
        Assert.Contains("freeze the prototypes", warning.Message);
        Assert.Contains("warmup", warning.Message);
        Assert.Contains("data loader", warning.Message);
    }

    [Fact]
    public void Stays_quiet_for_a_decreasing_loss_and_rearms_after_leaving_the_band()
    {
        var detector = new CollapseDetector(numPrototypes: 16000, patience: 3);
        int fired = 0;
        detector.Warning += _ => fired++;
        double lnK = Math.Log(16000);
        for (int i = 0; i < 100; i++) detector.Observe(lnK * (1 - 0.005 * i));      // leaves the 1 % band after two steps
        Assert.Equal(0, fired);
        for (int i = 0; i < 3; i++) detector.Observe(lnK);
        Assert.Equal(1, fired);
        detector.Observe(lnK * 0.9);
        Assert.Equal(0, detector.PlateauSteps);
        for (int i = 0; i < 3; i++) detector.Observe(lnK * 1.005);
        Assert.Equal(2, fired);
    }

    [Fact]
    public void The_loss_feeds_it_and_uniform_scores_sit_exactly_at_ln_k()
    {
        var backend = new TorchBackend();
        var loss = new SwAVLoss(new SwAVLossOptions { NumCrops = 2 }) { CollapseDetector = new CollapseDetector(7, patience: 3) };
        CollapseWarning? seen = null;
        loss.CollapseDetector.Warning += w => seen = w;
        var uniform = backend.Full([2 * 4, 7], 0.2);                    // every prototype equally likely: loss = ln 7
        for (int i = 0; i < 2; i++) Assert.Equal(Math.Log(7), loss.Forward(uniform).Item(), 1e-6);
        Assert.Null(seen);
        loss.Forward(uniform);
        Assert.NotNull(seen);
    }
}
