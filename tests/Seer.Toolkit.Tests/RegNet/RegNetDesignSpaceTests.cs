using Seer.Toolkit.Components.RegNet.Design;

namespace Seer.Toolkit.Tests.RegNet;

/// <summary>The design-space function against published stage layouts and torchvision's parameter counts.</summary>
public class RegNetDesignSpaceTests
{
    // Published parameter counts of torchvision's regnet_y_* models (1000-class head), from torchvision's model docs.
    public static TheoryData<string, long> TorchVisionParameterCounts => new()
    {
        { "regnety_400mf", 4_344_144 },
        { "regnety_800mf", 6_432_512 },
        { "regnety_1_6gf", 11_202_430 },
        { "regnety_3_2gf", 19_436_338 },
        { "regnety_8gf", 39_381_472 },
        { "regnety_16gf", 83_590_140 },
        { "regnety_32gf", 145_046_770 },
        { "regnety_128gf", 644_812_894 },
    };

    // Published stage layouts: RegNetY table of Radosavovic et al. 2020 (pycls model zoo) for the torchvision models;
    // for SEER trunks the res4/res5 widths are those VISSL's linear-eval configs feed to their heads.
    public static TheoryData<string, int[], int[]> PublishedLayouts => new()
    {
        { "regnety_400mf", [48, 104, 208, 440], [1, 3, 6, 6] },
        { "regnety_800mf", [64, 144, 320, 784], [1, 3, 8, 2] },
        { "regnety_1_6gf", [48, 120, 336, 888], [2, 6, 17, 2] },
        { "regnety_3_2gf", [72, 216, 576, 1512], [2, 5, 13, 1] },
        { "regnety_8gf", [224, 448, 896, 2016], [2, 4, 10, 1] },
        { "regnety_16gf", [224, 448, 1232, 3024], [2, 4, 11, 1] },
        { "regnety_32gf", [232, 696, 1392, 3712], [2, 5, 12, 1] },
        { "regnety_128gf", [528, 1056, 2904, 7392], [2, 7, 17, 1] },
    };

    public static TheoryData<string, int, int> SeerLateStageWidths => new()
    {
        { "seer_rg32gf", 1392, 3712 },
        { "seer_rg64gf", 1968, 4920 },
        { "seer_rg128gf", 2904, 7392 },
        { "seer_rg256gf", 4103, 10444 },
        { "seer_rg10b", 11110, 28280 },
    };

    [Theory]
    [MemberData(nameof(TorchVisionParameterCounts))]
    public void Analytic_parameter_count_equals_torchvision(string arch, long expected)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
        Assert.Equal(expected, RegNetComplexity.Network(spec, 1000).Parameters);
    }

    [Theory]
    [MemberData(nameof(TorchVisionParameterCounts))]
    public void Built_graph_parameter_count_equals_torchvision(string arch, long expected)
    {
        var network = Seer.Toolkit.Components.RegNet.RegNet.FromPreset(arch, 1000);
        Assert.Equal(expected, network.CountParameters());
    }

    [Theory]
    [MemberData(nameof(PublishedLayouts))]
    public void Stage_layout_matches_published(string arch, int[] widths, int[] depths)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
        Assert.Equal(widths, spec.Widths);
        Assert.Equal(depths, spec.Depths);
        Assert.Equal(RegNetPresets.Get(arch).Params.Depth, spec.Depths.Sum());
    }

    [Theory]
    [MemberData(nameof(SeerLateStageWidths))]
    public void Seer_trunk_widths_match_vissl(string arch, int res4, int res5)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
        Assert.Equal(4, spec.Stages.Count);
        Assert.Equal(res4, spec.Widths[2]);
        Assert.Equal(res5, spec.Widths[3]);
        Assert.All(spec.Stages, s => Assert.Equal(0, s.Width % s.GroupWidth));
    }

    [Theory]
    [MemberData(nameof(TorchVisionParameterCounts))]
    public void Trunk_count_is_full_count_minus_classifier(string arch, long full)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
        long head = (long)spec.OutputWidth * 1000 + 1000;
        Assert.Equal(full - head, RegNetComplexity.Network(spec, 0).Parameters);
        Assert.Equal(full - head, Seer.Toolkit.Components.RegNet.RegNet.FromSpec(spec, 0).CountParameters());
    }

    // torchvision's published GFLOPS column for the same models (224×224).
    [Theory]
    [InlineData("regnety_400mf", 0.40)]
    [InlineData("regnety_800mf", 0.83)]
    [InlineData("regnety_1_6gf", 1.61)]
    [InlineData("regnety_3_2gf", 3.18)]
    [InlineData("regnety_8gf", 8.47)]
    [InlineData("regnety_16gf", 15.91)]
    [InlineData("regnety_32gf", 32.28)]
    [InlineData("regnety_128gf", 127.52)]
    public void Flops_match_torchvision_published(string arch, double gflops)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
        Assert.Equal(gflops, RegNetComplexity.Network(spec, 1000).GFlops, 0.01);
    }

    [Fact]
    public void Block_widths_follow_the_quantised_linear_ramp()
    {
        // u_j = 48 + 27.89 j; s_j = round(log(u_j/48)/log 2.09); w_j = round(48·2.09^s_j / 8)·8, computed by hand for j = 0, 1, 15.
        var w = RegNetDesignSpace.BlockWidths(16, 48, 27.89, 2.09);
        Assert.Equal(48, w[0]);                                      // s=0
        Assert.Equal(104, w[1]);                                     // log(75.89/48)/log 2.09 = 0.62 → s=1 → 100.32 → 13 · 8
        Assert.Equal(440, w[15]);                                    // u=466.35 → s=3 → 438.2 → 55 · 8
        Assert.True(w.Zip(w.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void The_two_width_rounding_rules_differ_where_they_should()
    {
        // w·b = 60 with g = 24: torchvision rounds 72/24 down to 3·24 = 72; round(60/24 = 2.5) half-to-even gives 2·24 = 48.
        Assert.Equal((72, 24), RegNetDesignSpace.AdjustForGroups(60, 1.0, 24, WidthRounding.TorchVision));
        Assert.Equal((48, 24), RegNetDesignSpace.AdjustForGroups(60, 1.0, 24, WidthRounding.ClassyVision));
        // a group wider than the bottleneck shrinks to it
        Assert.Equal((40, 40), RegNetDesignSpace.AdjustForGroups(40, 1.0, 64, WidthRounding.TorchVision));
    }

    [Theory]
    [InlineData(100, 8, 104)]   // int(104)//8*8 = 104
    [InlineData(10, 8, 16)]     // int(14)//8*8 = 8 < 0.9·10 → 16
    [InlineData(3, 8, 8)]       // never below the divisor
    [InlineData(92, 24, 96)]
    public void Make_divisible_matches_torchvision(double v, int d, int expected) =>
        Assert.Equal(expected, RegNetDesignSpace.MakeDivisible(v, d));

    [Fact]
    public void Invalid_design_parameters_are_rejected_with_the_values()
    {
        var e = Assert.Throws<ArgumentException>(() => RegNetDesignSpace.BlockWidths(10, 50, 10, 2));
        Assert.Contains("w_0=50", e.Message);
        Assert.Throws<ArgumentException>(() => RegNetDesignSpace.BlockWidths(10, 48, 10, 1.0));
    }

    /// <summary>
    /// Hand-resolved: u_j = w0 + wa·j for j &lt; 6, s_j = round(log(u_j / w0) / log wm), w = w0·wm^s rounded to the group width 24.
    /// mini_wide (wa 36, wm 3): u = 24, 60, 96, 132, 168, 204 → s = 0, 1, 1, 2, 2, 2. mini_x4 (wa 48, wm 4):
    /// u = 24, 72, 120, 168, 216, 264 → log₄(u/24) = 0, 0.79, 1.16, 1.40, 1.58, 1.73 → s = 0, 1, 1, 1, 2, 2.
    /// </summary>
    [Theory]
    [InlineData("regnety_mini_wide", new[] { 24, 72, 216 }, new[] { 1, 2, 3 })]
    [InlineData("regnety_mini_x4", new[] { 24, 96, 384 }, new[] { 1, 3, 2 })]
    public void Cpu_presets_resolve_to_their_hand_computed_stages(string name, int[] widths, int[] depths)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(name).Params);
        Assert.Equal(widths, spec.Widths);
        Assert.Equal(depths, spec.Depths);
    }

    [Fact]
    public void Micro_preset_stays_small()
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get("regnety_micro").Params);
        Assert.All(spec.Widths, w => Assert.True(w <= 32));
    }
}
