using System.Globalization;
using System.Text.RegularExpressions;

namespace Seer.Toolkit.Weights;

/// <summary>All rules mapping RegNet(Y) checkpoint keys between torchvision (canonical), timm and VISSL names.</summary>
public static partial class CheckpointKeyRemap
{
    // What a module holds: plain conv (weight), conv/linear with bias, or batch norm.
    private enum Kind { Conv, WeightBias, Norm }

    private enum Section { Stem, Block, Head }

    // One module under its torchvision, timm and VISSL names.
    private readonly record struct Module(Kind Kind, string Torchvision, string Timm, string Vissl)
    {
        public string NameIn(CheckpointFormat format) => format switch
        {
            CheckpointFormat.Torchvision => Torchvision,
            CheckpointFormat.Timm => Timm,
            CheckpointFormat.Vissl => Vissl,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no naming rules for this format"),
        };
    }

    private readonly record struct Slot(Section Section, int Stage, int Block, Module Module, string Param);

    // Stem. torchvision/models/regnet.py: SimpleStemIN is a Conv2dNormActivation, i.e. Sequential(conv, bn, act).
    // timm/models/regnet.py: stem = ConvNormAct, whose children are .conv and .bn (timm/layers/conv_bn_act.py).
    // vissl/models/trunks/regnet.py (and regnet_fsdp.py): _feature_blocks["conv1"] = the ClassyVision stem, and
    // classy_vision/models/anynet.py SimpleStemIN keeps its layers in a child Sequential also named "stem".
    private static readonly Module[] StemModules =
    [
        new(Kind.Conv, "stem.0", "stem.conv", "_feature_blocks.conv1.stem.0"),
        new(Kind.Norm, "stem.1", "stem.bn", "_feature_blocks.conv1.stem.1"),
    ];

    // Block-local modules.
    // torchvision: BottleneckTransform children a, b, se, c (a/b/c are Conv2dNormActivation), ResBottleneckBlock.proj;
    //   SE is torchvision/ops/misc.py SqueezeExcitation with biased 1x1 convs fc1 / fc2.
    // timm: Bottleneck.conv1/conv2/conv3 (ConvNormAct), .se (timm/layers/squeeze_excite.py SEModule.fc1 / fc2), .downsample
    //   (ConvNormAct via downsample_conv).
    // ClassyVision anynet.py (VISSL): BottleneckTransform.a / .b = Sequential(conv, bn, act), .c a bare conv then .final_bn;
    //   ResBottleneckBlock has a bare .proj conv and .bn; SE is squeeze_and_excitation_layer.py
    //   SqueezeAndExcitationLayer.excitation = Sequential(conv, act, conv, sigmoid).
    private static readonly Module[] BlockModules =
    [
        new(Kind.Conv, "f.a.0", "conv1.conv", "f.a.0"),
        new(Kind.Norm, "f.a.1", "conv1.bn", "f.a.1"),
        new(Kind.Conv, "f.b.0", "conv2.conv", "f.b.0"),
        new(Kind.Norm, "f.b.1", "conv2.bn", "f.b.1"),
        new(Kind.WeightBias, "f.se.fc1", "se.fc1", "f.se.excitation.0"),
        new(Kind.WeightBias, "f.se.fc2", "se.fc2", "f.se.excitation.2"),
        new(Kind.Conv, "f.c.0", "conv3.conv", "f.c"),
        new(Kind.Norm, "f.c.1", "conv3.bn", "f.final_bn"),
        new(Kind.Conv, "proj.0", "downsample.conv", "proj"),
        new(Kind.Norm, "proj.1", "downsample.bn", "bn"),
    ];

    // Classifier: torchvision RegNet.fc; timm RegNet.head (ClassifierHead) .fc; VISSL linear-eval head 0 "heads.0.clf.0"
    // (the name timm/models/regnet.py's checkpoint filter maps to head.fc for SEER weights), kept only on request.
    private static readonly Module HeadModule = new(Kind.WeightBias, "fc", "head.fc", "heads.0.clf.0");

    // Wrappers stripped from the front: DDP "module.", VISSL BaseSSLMultiInputOutputModel "trunk."/"heads." parent,
    // ClassyVision checkpoint nesting "classy_state_dict.base_model.model.", generic "model.".
    private static readonly string[] LeadingWrappers = ["module.", "model.", "trunk.", "classy_state_dict.", "base_model."];

    // Wrapper segments removed anywhere: fairscale FSDP / FlattenParamsWrapper and torch checkpoint_wrapper.
    private static readonly string[] InnerWrappers = ["_fsdp_wrapped_module.", "_fpw_module.", "_checkpoint_wrapped_module."];

    private const string VisslHeadsPrefix = "heads.";

    [GeneratedRegex(@"^trunk_output\.block(?<s>[1-9][0-9]{0,5})\.block(?<s2>[1-9][0-9]{0,5})-(?<j>0|[1-9][0-9]{0,5})\.(?<rest>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex TorchvisionBlock();

    [GeneratedRegex(@"^s(?<s>[1-9][0-9]{0,5})\.b(?<b>[1-9][0-9]{0,5})\.(?<rest>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimmBlock();

    [GeneratedRegex(@"^_feature_blocks\.res(?<r>[1-9][0-9]{0,5})\.(?:block(?<ps>[1-9][0-9]{0,5})-part(?<g>0|[1-9][0-9]{0,5})\.)?block(?<s>[1-9][0-9]{0,5})-(?<j>0|[1-9][0-9]{0,5})\.(?<rest>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex VisslBlock();

    /// <summary>The scheme most keys follow; Unknown when none or when two schemes tie.</summary>
    public static CheckpointFormat Detect(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        CheckpointFormat[] formats = [CheckpointFormat.Torchvision, CheckpointFormat.Timm, CheckpointFormat.Vissl];
        var counts = new int[formats.Length];
        foreach (var key in keys)
            for (var f = 0; f < formats.Length; f++)
                if (TryToCanonical(key, formats[f], keepHeads: false, out _)) counts[f]++;

        var best = counts.Max();
        if (best == 0 || counts.Count(c => c == best) > 1) return CheckpointFormat.Unknown;
        return formats[Array.IndexOf(counts, best)];
    }

    /// <summary>Maps every key to its canonical name; <paramref name="format"/> Unknown means detect it first.</summary>
    public static KeyRemapResult ToCanonical(IEnumerable<string> keys, CheckpointFormat format = CheckpointFormat.Unknown, bool keepHeads = false)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys as IReadOnlyCollection<string> ?? keys.ToList();
        var resolved = format == CheckpointFormat.Unknown ? Detect(list) : format;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var unmapped = new List<string>();
        var collisions = new List<string>();
        foreach (var key in list)
        {
            if (resolved == CheckpointFormat.Unknown || !TryToCanonical(key, resolved, keepHeads, out var canonical)) unmapped.Add(key);
            else if (!map.TryAdd(canonical, key)) collisions.Add(key);
        }
        return new KeyRemapResult(resolved, map, unmapped, collisions);
    }

    /// <summary>Maps one key; with <paramref name="keepHeads"/> VISSL "heads.0.clf.0.*" becomes "fc.*" and other "heads.*" keys keep their name.</summary>
    public static bool TryToCanonical(string key, CheckpointFormat format, bool keepHeads, out string canonical)
    {
        ArgumentNullException.ThrowIfNull(key);
        canonical = "";
        if (format == CheckpointFormat.Unknown) return false;
        var stripped = StripWrappers(key);
        if (TryParse(stripped, format, keepHeads, out var slot))
        {
            canonical = Format(slot, CheckpointFormat.Torchvision);
            return true;
        }
        if (format == CheckpointFormat.Vissl && keepHeads && stripped.StartsWith(VisslHeadsPrefix, StringComparison.Ordinal))
        {
            canonical = stripped;
            return true;
        }
        return false;
    }

    /// <summary>The name <paramref name="canonicalKey"/> has in <paramref name="format"/> (VISSL: non-FSDP layout, no wrappers).</summary>
    public static string FromCanonical(string canonicalKey, CheckpointFormat format)
    {
        ArgumentNullException.ThrowIfNull(canonicalKey);
        if (format == CheckpointFormat.Unknown)
            throw new ArgumentOutOfRangeException(nameof(format), format, "pick a concrete checkpoint format");
        if (!TryParse(canonicalKey, CheckpointFormat.Torchvision, keepHeads: true, out var slot))
            throw new ArgumentException($"'{canonicalKey}' is not a canonical RegNet key", nameof(canonicalKey));
        return Format(slot, format);
    }

    /// <summary>Removes DDP / VISSL / ClassyVision / FSDP wrapper names so only the module path is left.</summary>
    public static string StripWrappers(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var inner in InnerWrappers)
            if (key.Contains(inner, StringComparison.Ordinal)) key = key.Replace(inner, "", StringComparison.Ordinal);
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var prefix in LeadingWrappers)
            {
                if (key.Length <= prefix.Length || !key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                key = key[prefix.Length..];
                stripped = true;
            }
        }
        return key;
    }

    private static bool TryParse(string key, CheckpointFormat format, bool keepHeads, out Slot slot)
    {
        slot = default;
        var dot = key.LastIndexOf('.');
        if (dot <= 0 || dot == key.Length - 1) return false;
        var path = key[..dot];
        var param = key[(dot + 1)..];

        foreach (var m in StemModules)
            if (path == m.NameIn(format)) return Accept(new Slot(Section.Stem, 0, 0, m, param), out slot);

        if (path == HeadModule.NameIn(format))
            return (format != CheckpointFormat.Vissl || keepHeads) && Accept(new Slot(Section.Head, 0, 0, HeadModule, param), out slot);

        if (!TryParseBlock(path, format, out var stage, out var block, out var rest)) return false;
        foreach (var m in BlockModules)
            if (rest == m.NameIn(format)) return Accept(new Slot(Section.Block, stage, block, m, param), out slot);
        return false;
    }

    private static bool Accept(Slot candidate, out Slot slot)
    {
        slot = candidate;
        return candidate.Module.Kind switch
        {
            Kind.Conv => candidate.Param == "weight",
            Kind.WeightBias => candidate.Param is "weight" or "bias",
            Kind.Norm => candidate.Param is "weight" or "bias" or "running_mean" or "running_var" or "num_batches_tracked",
            _ => false,
        };
    }

    // Finds (stage from 1, block from 0, block-local module path) in a block key of the given format.
    private static bool TryParseBlock(string path, CheckpointFormat format, out int stage, out int block, out string rest)
    {
        stage = block = 0;
        rest = "";
        switch (format)
        {
            case CheckpointFormat.Torchvision:
            {
                var m = TorchvisionBlock().Match(path);
                if (!m.Success || m.Groups["s"].Value != m.Groups["s2"].Value) return false;
                stage = Int(m, "s");
                block = Int(m, "j");
                rest = m.Groups["rest"].Value;
                return true;
            }
            case CheckpointFormat.Timm:
            {
                // timm RegStage names blocks from 1: b1 is block{s}-0.
                var m = TimmBlock().Match(path);
                if (!m.Success) return false;
                stage = Int(m, "s");
                block = Int(m, "b") - 1;
                rest = m.Groups["rest"].Value;
                return true;
            }
            case CheckpointFormat.Vissl:
            {
                // VISSL feature block res{s+1} holds trunk_output.block{s}; the optional FSDP group must name the same stage.
                var m = VisslBlock().Match(path);
                if (!m.Success) return false;
                stage = Int(m, "s");
                if (Int(m, "r") != stage + 1) return false;
                if (m.Groups["ps"].Success && Int(m, "ps") != stage) return false;
                block = Int(m, "j");
                rest = m.Groups["rest"].Value;
                return true;
            }
            default:
                return false;
        }
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Format(Slot slot, CheckpointFormat format)
    {
        var module = slot.Module.NameIn(format);
        if (slot.Section != Section.Block) return $"{module}.{slot.Param}";
        return format switch
        {
            CheckpointFormat.Torchvision => $"trunk_output.block{slot.Stage}.block{slot.Stage}-{slot.Block}.{module}.{slot.Param}",
            CheckpointFormat.Timm => $"s{slot.Stage}.b{slot.Block + 1}.{module}.{slot.Param}",
            CheckpointFormat.Vissl => $"_feature_blocks.res{slot.Stage + 1}.block{slot.Stage}-{slot.Block}.{module}.{slot.Param}",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no naming rules for this format"),
        };
    }
}
