namespace Seer.Toolkit.Tests.Weights;

/// <summary>
/// Hand-written state-dict keys of one small 2-stage RegNetY (stage 1: two blocks, the first with a projection;
/// stage 2: one block with a projection; classifier head) in each naming scheme.
/// </summary>
internal static class RegNetKeyLists
{
    private static string[] Bn(string module) =>
        [$"{module}.weight", $"{module}.bias", $"{module}.running_mean", $"{module}.running_var", $"{module}.num_batches_tracked"];

    private static string[] Se(string fc1, string fc2) => [$"{fc1}.weight", $"{fc1}.bias", $"{fc2}.weight", $"{fc2}.bias"];

    private static string[] TorchvisionBlock(string b, bool proj) =>
    [
        $"{b}.f.a.0.weight", .. Bn($"{b}.f.a.1"),
        $"{b}.f.b.0.weight", .. Bn($"{b}.f.b.1"),
        .. Se($"{b}.f.se.fc1", $"{b}.f.se.fc2"),
        $"{b}.f.c.0.weight", .. Bn($"{b}.f.c.1"),
        .. proj ? [$"{b}.proj.0.weight", .. Bn($"{b}.proj.1")] : Array.Empty<string>(),
    ];

    private static string[] TimmBlock(string b, bool proj) =>
    [
        $"{b}.conv1.conv.weight", .. Bn($"{b}.conv1.bn"),
        $"{b}.conv2.conv.weight", .. Bn($"{b}.conv2.bn"),
        .. Se($"{b}.se.fc1", $"{b}.se.fc2"),
        $"{b}.conv3.conv.weight", .. Bn($"{b}.conv3.bn"),
        .. proj ? [$"{b}.downsample.conv.weight", .. Bn($"{b}.downsample.bn")] : Array.Empty<string>(),
    ];

    private static string[] VisslBlock(string b, bool proj) =>
    [
        $"{b}.f.a.0.weight", .. Bn($"{b}.f.a.1"),
        $"{b}.f.b.0.weight", .. Bn($"{b}.f.b.1"),
        .. Se($"{b}.f.se.excitation.0", $"{b}.f.se.excitation.2"),
        $"{b}.f.c.weight", .. Bn($"{b}.f.final_bn"),
        .. proj ? [$"{b}.proj.weight", .. Bn($"{b}.bn")] : Array.Empty<string>(),
    ];

    /// <summary>torchvision names (the canonical ones), including the classifier.</summary>
    public static string[] Torchvision =>
    [
        "stem.0.weight", .. Bn("stem.1"),
        .. TorchvisionBlock("trunk_output.block1.block1-0", proj: true),
        .. TorchvisionBlock("trunk_output.block1.block1-1", proj: false),
        .. TorchvisionBlock("trunk_output.block2.block2-0", proj: true),
        "fc.weight", "fc.bias",
    ];

    /// <summary>timm names, including the classifier.</summary>
    public static string[] Timm =>
    [
        "stem.conv.weight", .. Bn("stem.bn"),
        .. TimmBlock("s1.b1", proj: true),
        .. TimmBlock("s1.b2", proj: false),
        .. TimmBlock("s2.b1", proj: true),
        "head.fc.weight", "head.fc.bias",
    ];

    /// <summary>VISSL trunk names with <paramref name="prefix"/>, plus the linear-eval head under <paramref name="headPrefix"/>.</summary>
    public static string[] Vissl(string prefix = "", string headPrefix = "") =>
    [
        .. new[] { "_feature_blocks.conv1.stem.0.weight" }.Concat(Bn("_feature_blocks.conv1.stem.1"))
            .Concat(VisslBlock("_feature_blocks.res2.block1-0", proj: true))
            .Concat(VisslBlock("_feature_blocks.res2.block1-1", proj: false))
            .Concat(VisslBlock("_feature_blocks.res3.block2-0", proj: true))
            .Select(k => prefix + k),
        headPrefix + "heads.0.clf.0.weight", headPrefix + "heads.0.clf.0.bias",
    ];

    /// <summary>VISSL regnet_fsdp names: blocks nested in "block{s}-part{g}" groups (stage 1 split after its first block).</summary>
    public static string[] VisslFsdp =>
    [
        "_feature_blocks.conv1.stem.0.weight", .. Bn("_feature_blocks.conv1.stem.1"),
        .. VisslBlock("_feature_blocks.res2.block1-part0.block1-0", proj: true),
        .. VisslBlock("_feature_blocks.res2.block1-part1.block1-1", proj: false),
        .. VisslBlock("_feature_blocks.res3.block2-part0.block2-0", proj: true),
    ];
}
