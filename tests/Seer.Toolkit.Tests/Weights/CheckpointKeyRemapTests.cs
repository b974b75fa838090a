using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class CheckpointKeyRemapTests
{
    private static readonly string[] Canonical = RegNetKeyLists.Torchvision;
    private static readonly string[] CanonicalTrunk = Canonical.Where(k => !k.StartsWith("fc.", StringComparison.Ordinal)).ToArray();

    private static void AssertKeys(IEnumerable<string> expected, KeyRemapResult result) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), result.CanonicalToSource.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Key_lists_have_the_expected_size()
    {
        // stem 6 + block with proj 28 + block without 22 + block with proj 28 + head 2.
        Assert.Equal(86, Canonical.Length);
        Assert.Equal(86, RegNetKeyLists.Timm.Length);
        Assert.Equal(86, RegNetKeyLists.Vissl().Length);
        Assert.Equal(Canonical.Length, Canonical.Distinct().Count());
    }

    [Fact]
    public void All_three_schemes_map_to_identical_canonical_names()
    {
        var tv = CheckpointKeyRemap.ToCanonical(RegNetKeyLists.Torchvision);
        var timm = CheckpointKeyRemap.ToCanonical(RegNetKeyLists.Timm);
        var vissl = CheckpointKeyRemap.ToCanonical(RegNetKeyLists.Vissl(), keepHeads: true);

        Assert.Equal(CheckpointFormat.Torchvision, tv.Format);
        Assert.Equal(CheckpointFormat.Timm, timm.Format);
        Assert.Equal(CheckpointFormat.Vissl, vissl.Format);
        foreach (var result in new[] { tv, timm, vissl })
        {
            Assert.Empty(result.Unmapped);
            Assert.Empty(result.Collisions);
            AssertKeys(Canonical, result);
        }
        Assert.All(tv.CanonicalToSource, p => Assert.Equal(p.Key, p.Value));
    }

    [Theory]
    [InlineData("stem.conv.weight", "stem.0.weight")]
    [InlineData("stem.bn.running_var", "stem.1.running_var")]
    [InlineData("s1.b1.conv1.conv.weight", "trunk_output.block1.block1-0.f.a.0.weight")]
    [InlineData("s1.b2.conv2.bn.bias", "trunk_output.block1.block1-1.f.b.1.bias")]
    [InlineData("s2.b1.se.fc1.bias", "trunk_output.block2.block2-0.f.se.fc1.bias")]
    [InlineData("s2.b1.se.fc2.weight", "trunk_output.block2.block2-0.f.se.fc2.weight")]
    [InlineData("s1.b1.conv3.bn.num_batches_tracked", "trunk_output.block1.block1-0.f.c.1.num_batches_tracked")]
    [InlineData("s4.b12.downsample.conv.weight", "trunk_output.block4.block4-11.proj.0.weight")]
    [InlineData("s1.b1.downsample.bn.running_mean", "trunk_output.block1.block1-0.proj.1.running_mean")]
    [InlineData("head.fc.weight", "fc.weight")]
    public void Timm_keys_map_to_torchvision_names(string timm, string canonical)
    {
        Assert.True(CheckpointKeyRemap.TryToCanonical(timm, CheckpointFormat.Timm, keepHeads: false, out var mapped));
        Assert.Equal(canonical, mapped);
    }

    [Theory]
    [InlineData("_feature_blocks.conv1.stem.0.weight", "stem.0.weight")]
    [InlineData("_feature_blocks.conv1.stem.1.bias", "stem.1.bias")]
    [InlineData("_feature_blocks.res2.block1-0.f.a.0.weight", "trunk_output.block1.block1-0.f.a.0.weight")]
    [InlineData("_feature_blocks.res2.block1-0.f.a.1.running_mean", "trunk_output.block1.block1-0.f.a.1.running_mean")]
    [InlineData("_feature_blocks.res3.block2-0.f.b.0.weight", "trunk_output.block2.block2-0.f.b.0.weight")]
    [InlineData("_feature_blocks.res4.block3-5.f.se.excitation.0.bias", "trunk_output.block3.block3-5.f.se.fc1.bias")]
    [InlineData("_feature_blocks.res4.block3-5.f.se.excitation.2.weight", "trunk_output.block3.block3-5.f.se.fc2.weight")]
    [InlineData("_feature_blocks.res5.block4-0.f.c.weight", "trunk_output.block4.block4-0.f.c.0.weight")]
    [InlineData("_feature_blocks.res5.block4-0.f.final_bn.weight", "trunk_output.block4.block4-0.f.c.1.weight")]
    [InlineData("_feature_blocks.res5.block4-0.proj.weight", "trunk_output.block4.block4-0.proj.0.weight")]
    [InlineData("_feature_blocks.res5.block4-0.bn.running_var", "trunk_output.block4.block4-0.proj.1.running_var")]
    [InlineData("_feature_blocks.res3.block2-part1.block2-7.f.a.0.weight", "trunk_output.block2.block2-7.f.a.0.weight")]
    [InlineData("classy_state_dict.base_model.model.trunk._feature_blocks.conv1.stem.0.weight", "stem.0.weight")]
    [InlineData("module.trunk._feature_blocks.res2.block1-0.bn.weight", "trunk_output.block1.block1-0.proj.1.weight")]
    [InlineData("trunk._feature_blocks.res2._fsdp_wrapped_module.block1-0.f.c.weight", "trunk_output.block1.block1-0.f.c.0.weight")]
    public void Vissl_keys_map_to_torchvision_names(string vissl, string canonical)
    {
        Assert.True(CheckpointKeyRemap.TryToCanonical(vissl, CheckpointFormat.Vissl, keepHeads: false, out var mapped));
        Assert.Equal(canonical, mapped);
    }

    [Fact]
    public void Vissl_with_wrapper_prefixes_maps_the_same()
    {
        var keys = RegNetKeyLists.Vissl("classy_state_dict.base_model.model.trunk.", "classy_state_dict.base_model.model.");
        var result = CheckpointKeyRemap.ToCanonical(keys, keepHeads: true);
        Assert.Equal(CheckpointFormat.Vissl, result.Format);
        Assert.Empty(result.Unmapped);
        AssertKeys(Canonical, result);
        Assert.Equal("classy_state_dict.base_model.model.trunk._feature_blocks.conv1.stem.0.weight", result.CanonicalToSource["stem.0.weight"]);
        Assert.Equal("classy_state_dict.base_model.model.heads.0.clf.0.weight", result.CanonicalToSource["fc.weight"]);
    }

    [Fact]
    public void Vissl_fsdp_part_groups_map_the_same()
    {
        var result = CheckpointKeyRemap.ToCanonical(RegNetKeyLists.VisslFsdp);
        Assert.Equal(CheckpointFormat.Vissl, result.Format);
        Assert.Empty(result.Unmapped);
        AssertKeys(CanonicalTrunk, result);
    }

    [Fact]
    public void Vissl_heads_are_unmapped_unless_kept()
    {
        var keys = RegNetKeyLists.Vissl().Append("heads.0.projection_head.0.weight").Append("heads.0.prototypes0.weight").ToArray();

        var dropped = CheckpointKeyRemap.ToCanonical(keys);
        AssertKeys(CanonicalTrunk, dropped);
        Assert.Equal(["heads.0.clf.0.weight", "heads.0.clf.0.bias", "heads.0.projection_head.0.weight", "heads.0.prototypes0.weight"], dropped.Unmapped);

        var kept = CheckpointKeyRemap.ToCanonical(keys, keepHeads: true);
        Assert.Empty(kept.Unmapped);
        Assert.Equal("heads.0.clf.0.bias", kept.CanonicalToSource["fc.bias"]);
        Assert.Equal("heads.0.projection_head.0.weight", kept.CanonicalToSource["heads.0.projection_head.0.weight"]);
    }

    [Fact]
    public void Unknown_keys_are_reported_by_name()
    {
        string[] keys = [.. RegNetKeyLists.Timm, "s1.b1.conv1.conv.bias", "s1.b0.conv1.conv.weight", "s1.b1.attn.qkv.weight", "optimizer.step", "head.fc.scale", "s01.b1.se.fc1.weight"];
        var result = CheckpointKeyRemap.ToCanonical(keys);
        Assert.Equal(CheckpointFormat.Timm, result.Format);
        AssertKeys(Canonical, result);
        Assert.Equal(["s1.b1.conv1.conv.bias", "s1.b0.conv1.conv.weight", "s1.b1.attn.qkv.weight", "optimizer.step", "head.fc.scale", "s01.b1.se.fc1.weight"], result.Unmapped);
    }

    [Theory]
    [InlineData("_feature_blocks.res3.block1-0.f.a.0.weight")] // res index must be stage + 1
    [InlineData("_feature_blocks.res2.block1-part0.block2-0.f.a.0.weight")] // part group of another stage
    [InlineData("_feature_blocks.stem.0.weight")] // stem lives under conv1
    [InlineData("_feature_blocks.res2.block1-0.f.a.weight")] // a is Sequential(conv, bn, act)
    [InlineData("_feature_blocks.res2.block1-0.f.c.0.weight")] // c is a bare conv
    public void Malformed_vissl_keys_are_not_mapped(string key) =>
        Assert.False(CheckpointKeyRemap.TryToCanonical(key, CheckpointFormat.Vissl, keepHeads: true, out _));

    [Theory]
    [InlineData("trunk_output.block1.block2-0.f.a.0.weight")] // stage names disagree
    [InlineData("trunk_output.block1.block1-00.f.a.0.weight")] // leading zero
    [InlineData("stem.0.bias")] // stem conv has no bias
    [InlineData("fc.running_mean")]
    public void Malformed_torchvision_keys_are_not_mapped(string key) =>
        Assert.False(CheckpointKeyRemap.TryToCanonical(key, CheckpointFormat.Torchvision, keepHeads: false, out _));

    [Fact]
    public void Detect_picks_the_majority_scheme_and_reports_unknown_otherwise()
    {
        Assert.Equal(CheckpointFormat.Torchvision, CheckpointKeyRemap.Detect(RegNetKeyLists.Torchvision));
        Assert.Equal(CheckpointFormat.Timm, CheckpointKeyRemap.Detect(RegNetKeyLists.Timm));
        Assert.Equal(CheckpointFormat.Vissl, CheckpointKeyRemap.Detect(RegNetKeyLists.Vissl("module.trunk.")));
        Assert.Equal(CheckpointFormat.Unknown, CheckpointKeyRemap.Detect(["encoder.layer.0.weight", "decoder.bias"]));
        Assert.Equal(CheckpointFormat.Unknown, CheckpointKeyRemap.Detect([]));
        Assert.Equal(CheckpointFormat.Unknown, CheckpointKeyRemap.Detect(["stem.0.weight", "stem.conv.weight"]));
    }

    [Fact]
    public void Unknown_format_leaves_every_key_unmapped()
    {
        string[] keys = ["encoder.weight", "decoder.bias"];
        var result = CheckpointKeyRemap.ToCanonical(keys);
        Assert.Equal(CheckpointFormat.Unknown, result.Format);
        Assert.Empty(result.CanonicalToSource);
        Assert.Equal(keys, result.Unmapped);
    }

    [Fact]
    public void Same_tensor_under_two_wrappers_is_a_collision()
    {
        var result = CheckpointKeyRemap.ToCanonical(["stem.0.weight", "module.stem.0.weight"], CheckpointFormat.Torchvision);
        Assert.Equal("stem.0.weight", result.CanonicalToSource["stem.0.weight"]);
        Assert.Equal(["module.stem.0.weight"], result.Collisions);
    }

    [Theory]
    [InlineData(CheckpointFormat.Timm)]
    [InlineData(CheckpointFormat.Vissl)]
    [InlineData(CheckpointFormat.Torchvision)]
    public void Canonical_to_format_and_back_is_the_identity(CheckpointFormat format)
    {
        var exported = Canonical.Select(k => CheckpointKeyRemap.FromCanonical(k, format)).ToArray();
        var back = CheckpointKeyRemap.ToCanonical(exported, format, keepHeads: true);
        Assert.Empty(back.Unmapped);
        foreach (var (key, source) in Canonical.Zip(exported)) Assert.Equal(source, back.CanonicalToSource[key]);
    }

    [Fact]
    public void Export_produces_the_hand_written_names()
    {
        Assert.Equal(RegNetKeyLists.Timm, Canonical.Select(k => CheckpointKeyRemap.FromCanonical(k, CheckpointFormat.Timm)));
        Assert.Equal(RegNetKeyLists.Vissl(), Canonical.Select(k => CheckpointKeyRemap.FromCanonical(k, CheckpointFormat.Vissl)));
        Assert.Throws<ArgumentException>(() => CheckpointKeyRemap.FromCanonical("s1.b1.conv1.conv.weight", CheckpointFormat.Timm));
    }

    [Fact]
    public void Wrappers_are_stripped_from_the_front_and_inside()
    {
        Assert.Equal("stem.0.weight", CheckpointKeyRemap.StripWrappers("module.model.stem.0.weight"));
        Assert.Equal("_feature_blocks.res2.block1-0.f.a.0.weight",
            CheckpointKeyRemap.StripWrappers("module.trunk._fsdp_wrapped_module._feature_blocks.res2._fpw_module.block1-0.f.a.0.weight"));
        Assert.Equal("heads.0.clf.0.weight", CheckpointKeyRemap.StripWrappers("classy_state_dict.base_model.model.heads.0.clf.0.weight"));
    }
}
