using System.Globalization;
using System.Text.Json;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>
/// The configuration keys of a recipe (the public names used by <c>--set key=value</c> and JSON config files), each
/// with a parser. No reflection: the table is the contract. Unknown keys and bad values are errors naming the key.
/// </summary>
public static class PretrainSettings
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, Func<PretrainOptions, string, PretrainOptions>> Setters = new(StringComparer.Ordinal)
    {
        ["arch"] = (o, v) => o with { Arch = v },
        ["batch_size"] = (o, v) => o with { BatchSize = Int(v) },
        ["steps"] = (o, v) => o with { Steps = Long(v) },
        ["head_dims"] = (o, v) => o with { HeadDims = Ints(v) },
        ["head_bn"] = (o, v) => o with { HeadBatchNorm = Bool(v) },
        ["prototypes"] = (o, v) => o with { Prototypes = Int(v) },
        ["temperature"] = (o, v) => o with { Temperature = Double(v) },
        ["epsilon"] = (o, v) => o with { Epsilon = Double(v) },
        ["sinkhorn_iterations"] = (o, v) => o with { SinkhornIterations = Int(v) },
        ["queue_length"] = (o, v) => o with { QueueLength = Int(v) },
        ["queue_start"] = (o, v) => o with { QueueStart = Long(v) },
        ["freeze_prototypes"] = (o, v) => o with { FreezePrototypes = Long(v) },
        ["base_lr"] = (o, v) => o with { BaseLr = Double(v) },
        ["start_lr"] = (o, v) => o with { StartLr = Double(v) },
        ["final_lr_fraction"] = (o, v) => o with { FinalLrFraction = Double(v) },
        ["warmup_steps"] = (o, v) => o with { WarmupSteps = Long(v) },
        ["weight_decay"] = (o, v) => o with { WeightDecay = Double(v) },
        ["momentum"] = (o, v) => o with { Momentum = Double(v) },
        ["lars"] = (o, v) => o with { Lars = Bool(v) },
        ["lars_clip"] = (o, v) => o with { LarsClip = Bool(v) },
        ["seed"] = (o, v) => o with { Seed = Long(v) },
        ["checkpoint_every"] = (o, v) => o with { CheckpointEvery = Long(v) },
        ["log_every"] = (o, v) => o with { LogEvery = Long(v) },
        ["max_bad_steps"] = (o, v) => o with { MaxBadSteps = Int(v) },
        ["workers"] = (o, v) => o with { Workers = Int(v) },
        ["precision"] = (o, v) => o with { Precision = Precision(v) },
        ["activation_checkpointing"] = (o, v) => o with { ActivationCheckpointing = Int(v) },
        ["sync_bn_group_size"] = (o, v) => o with { SyncBatchNormGroupSize = Int(v) },
        ["collective_timeout_s"] = (o, v) => o with { CollectiveTimeoutSeconds = Double(v) },
        ["monitor_every"] = (o, v) => o with { Monitor = o.Monitor with { Every = Long(v) } },
        ["monitor_dataset"] = (o, v) => o with { Monitor = o.Monitor with { Dataset = v } },
        ["monitor_train_images"] = (o, v) => o with { Monitor = o.Monitor with { TrainImages = Int(v) } },
        ["monitor_test_images"] = (o, v) => o with { Monitor = o.Monitor with { TestImages = Int(v) } },
        ["crops.sizes"] = (o, v) => o with { Crops = o.Crops with { Sizes = Ints(v) } },
        ["crops.counts"] = (o, v) => o with { Crops = o.Crops with { Counts = Ints(v) } },
        ["crops.scale_min"] = (o, v) => o with { Crops = o.Crops with { ScaleMin = Doubles(v) } },
        ["crops.scale_max"] = (o, v) => o with { Crops = o.Crops with { ScaleMax = Doubles(v) } },
        ["crops.flip_probability"] = (o, v) => o with { Crops = o.Crops with { FlipProbability = Double(v) } },
        ["crops.color_strength"] = (o, v) => o with { Crops = o.Crops with { ColorStrength = Double(v) } },
        ["crops.jitter_probability"] = (o, v) => o with { Crops = o.Crops with { JitterProbability = Double(v) } },
        ["crops.grayscale_probability"] = (o, v) => o with { Crops = o.Crops with { GrayscaleProbability = Double(v) } },
        ["crops.blur_probability"] = (o, v) => o with { Crops = o.Crops with { BlurProbability = Double(v) } },
        ["crops.blur_sigma_max"] = (o, v) => o with { Crops = o.Crops with { BlurSigmaMax = Double(v) } },
    };

    /// <summary>Every key, sorted.</summary>
    public static IEnumerable<string> Keys => Setters.Keys.Order(StringComparer.Ordinal);

    /// <summary>Applies one "key=value".</summary>
    public static PretrainOptions Apply(PretrainOptions options, string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"setting '{assignment}' is not key=value");
        return Apply(options, assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
    }

    /// <summary>Applies one key.</summary>
    public static PretrainOptions Apply(PretrainOptions options, string key, string value)
    {
        if (!Setters.TryGetValue(key, out var set))
            throw new ArgumentException($"unknown setting '{key}'; known: {string.Join(", ", Keys)}");
        try
        {
            return set(options, value);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"setting '{key}': cannot parse '{value}'");
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"setting '{key}': '{value}' is out of range");
        }
    }

    /// <summary>Applies a flat JSON object of settings (numbers, booleans, strings, arrays of numbers).</summary>
    public static PretrainOptions ApplyJson(PretrainOptions options, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"config file not found: {path}", path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: invalid JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{path}: expected a JSON object of settings");
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var v = p.Value.ValueKind switch
                {
                    JsonValueKind.Array => string.Join(',', p.Value.EnumerateArray().Select(e => e.GetRawText())),
                    JsonValueKind.String => p.Value.GetString()!,
                    _ => p.Value.GetRawText(),
                };
                options = Apply(options, p.Name, v);
            }
        }
        return options;
    }

    /// <summary>The recipe as a JSON object with the same keys (readable back by <see cref="ApplyJson"/>).</summary>
    public static string ToJson(PretrainOptions o)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("arch", o.Arch);
            w.WriteNumber("batch_size", o.BatchSize);
            w.WriteNumber("steps", o.Steps);
            Array(w, "head_dims", o.HeadDims.Select(x => (double)x));
            w.WriteBoolean("head_bn", o.HeadBatchNorm);
            w.WriteNumber("prototypes", o.Prototypes);
            w.WriteNumber("temperature", o.Temperature);
            w.WriteNumber("epsilon", o.Epsilon);
            w.WriteNumber("sinkhorn_iterations", o.SinkhornIterations);
            w.WriteNumber("queue_length", o.QueueLength);
            w.WriteNumber("queue_start", o.QueueStart);
            w.WriteNumber("freeze_prototypes", o.FreezePrototypes);
            w.WriteNumber("base_lr", o.BaseLr);
            w.WriteNumber("start_lr", o.StartLr);
            w.WriteNumber("final_lr_fraction", o.FinalLrFraction);
            w.WriteNumber("warmup_steps", o.WarmupSteps);
            w.WriteNumber("weight_decay", o.WeightDecay);
            w.WriteNumber("momentum", o.Momentum);
            w.WriteBoolean("lars", o.Lars);
            w.WriteBoolean("lars_clip", o.LarsClip);
            w.WriteNumber("seed", o.Seed);
            w.WriteNumber("checkpoint_every", o.CheckpointEvery);
            w.WriteNumber("log_every", o.LogEvery);
            w.WriteNumber("max_bad_steps", o.MaxBadSteps);
            w.WriteNumber("workers", o.Workers);
            w.WriteString("precision", o.Precision);
            w.WriteNumber("activation_checkpointing", o.ActivationCheckpointing);
            w.WriteNumber("sync_bn_group_size", o.SyncBatchNormGroupSize);
            w.WriteNumber("collective_timeout_s", o.CollectiveTimeoutSeconds);
            w.WriteNumber("monitor_every", o.Monitor.Every);
            w.WriteString("monitor_dataset", o.Monitor.Dataset);
            w.WriteNumber("monitor_train_images", o.Monitor.TrainImages);
            w.WriteNumber("monitor_test_images", o.Monitor.TestImages);
            Array(w, "crops.sizes", o.Crops.Sizes.Select(x => (double)x));
            Array(w, "crops.counts", o.Crops.Counts.Select(x => (double)x));
            Array(w, "crops.scale_min", o.Crops.ScaleMin);
            Array(w, "crops.scale_max", o.Crops.ScaleMax);
            w.WriteNumber("crops.flip_probability", o.Crops.FlipProbability);
            w.WriteNumber("crops.color_strength", o.Crops.ColorStrength);
            w.WriteNumber("crops.jitter_probability", o.Crops.JitterProbability);
            w.WriteNumber("crops.grayscale_probability", o.Crops.GrayscaleProbability);
            w.WriteNumber("crops.blur_probability", o.Crops.BlurProbability);
            w.WriteNumber("crops.blur_sigma_max", o.Crops.BlurSigmaMax);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Array(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static string Precision(string v)
    {
        var name = v.ToLowerInvariant();
        PrecisionNames.ToDType(name);
        return name;
    }

    private static int Int(string v) => int.Parse(v, NumberStyles.Integer, Inv);
    private static long Long(string v) => long.Parse(v, NumberStyles.Integer, Inv);
    private static double Double(string v) => double.Parse(v, NumberStyles.Float, Inv);
    private static bool Bool(string v) => v.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new FormatException(),
    };
    private static int[] Ints(string v) => [.. v.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Int(s.Trim()))];
    private static double[] Doubles(string v) => [.. v.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Double(s.Trim()))];
}
