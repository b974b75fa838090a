using System.Text;
using System.Text.Json;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>Where a run stands: the number of updates made and the next batch of the data stream.</summary>
public sealed record TrainingPosition(long Step, long Epoch, long BatchIndex, long BadSteps, long QueueFilled);

/// <summary>
/// Checkpoints of a run under OUT/checkpoints: each is a folder step-NNNNNNNN holding trunk.safetensors (canonical
/// torchvision names, loadable by evaluation), head.safetensors, optimizer.safetensors (momentum buffers and queue) and
/// state.json. A folder is written under a temporary name and renamed when complete, then the "latest" file is
/// replaced atomically, so a crash at any moment leaves the previous checkpoint intact and no partial one visible.
/// </summary>
public sealed class PretrainCheckpoint(string outDir)
{
    /// <summary>The checkpoints folder.</summary>
    public string Root { get; } = Path.Combine(outDir, "checkpoints");

    /// <summary>Path of the newest complete checkpoint, or null.</summary>
    public string? Latest
    {
        get
        {
            var pointer = Path.Combine(Root, "latest");
            if (!File.Exists(pointer)) return null;
            var dir = Path.Combine(Root, File.ReadAllText(pointer).Trim());
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>Writes one checkpoint and points "latest" at it; returns its folder.</summary>
    public string Save(string arch, RegNetModel trunk, SwAVHead head, LarsSgdState optimizer, TrainingPosition position, string settingsJson)
    {
        Directory.CreateDirectory(Root);
        var name = $"step-{position.Step:D8}";
        var final = Path.Combine(Root, name);
        var partial = Path.Combine(Root, $".{name}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(partial);
        try
        {
            var meta = new Dictionary<string, string> { ["arch"] = arch, ["step"] = position.Step.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            ComponentCheckpoint.Save(trunk, Path.Combine(partial, "trunk.safetensors"), meta);
            ComponentCheckpoint.Save(head, Path.Combine(partial, "head.safetensors"), meta);
            var tensors = optimizer.Tensors.Select(kv => (kv.Key, kv.Value.DType, kv.Value.Shape, (ReadOnlyMemory<byte>)kv.Value.Backend.ToBytes(kv.Value))).ToList();
            SafetensorsWriter.Write(Path.Combine(partial, "optimizer.safetensors"), tensors);
            WriteAtomically(Path.Combine(partial, "state.json"), StateJson(position, settingsJson));
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(partial, final);
        }
        catch
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            throw;
        }
        WriteAtomically(Path.Combine(Root, "latest"), name);
        return final;
    }

    /// <summary>
    /// Deletes what a killed writer can leave behind (a <c>.step-N.*.partial</c> folder, a <c>latest.*.tmp</c> file);
    /// complete checkpoints are never touched. Returns how many entries were removed.
    /// </summary>
    public int RemoveInterruptedWrites()
    {
        if (!Directory.Exists(Root)) return 0;
        int removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(Root, ".step-*.partial"))
        {
            Directory.Delete(dir, recursive: true);
            removed++;
        }
        foreach (var file in Directory.EnumerateFiles(Root, "latest.*.tmp"))
        {
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// The trunk weights a user points at: a <c>trunk.safetensors</c> file, a checkpoint folder, a run's
    /// <c>checkpoints</c> folder or <c>latest</c> pointer, or a run folder (the latter three resolve to the latest step).
    /// </summary>
    public static string ResolveTrunkFile(string path)
    {
        if (File.Exists(path) && Path.GetFileName(path) == "latest") path = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Directory.Exists(path))
        {
            if (File.Exists(Path.Combine(path, "trunk.safetensors"))) return Path.Combine(path, "trunk.safetensors");
            var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            var runDir = Path.GetFileName(full) == "checkpoints" ? Path.GetDirectoryName(full)! : full;
            var latest = new PretrainCheckpoint(runDir).Latest;
            if (latest is not null) return Path.Combine(latest, "trunk.safetensors");
            throw new FileNotFoundException($"no trunk.safetensors and no complete checkpoint under {path}", path);
        }
        return path;
    }

    /// <summary>Reads the position stored in a checkpoint folder.</summary>
    public static TrainingPosition ReadPosition(string folder)
    {
        var path = Path.Combine(folder, "state.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var r = doc.RootElement;
        return new TrainingPosition(r.GetProperty("step").GetInt64(), r.GetProperty("epoch").GetInt64(),
            r.GetProperty("batch_index").GetInt64(), r.GetProperty("bad_steps").GetInt64(), r.GetProperty("queue_filled").GetInt64());
    }

    /// <summary>Optimizer and queue tensors stored in a checkpoint folder, loaded on <paramref name="backend"/>.</summary>
    public static Dictionary<string, Seer.Toolkit.Tensors.Tensor> ReadOptimizer(string folder, IBackend backend)
    {
        using var reader = SafetensorsReader.Open(Path.Combine(folder, "optimizer.safetensors"));
        return reader.Entries.ToDictionary(e => e.Name, e => backend.Persist(backend.FromBytes(reader.ReadBytes(e.Name), e.DType, e.Shape)));
    }

    private static string StateJson(TrainingPosition p, string settingsJson)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("step", p.Step);
            w.WriteNumber("epoch", p.Epoch);
            w.WriteNumber("batch_index", p.BatchIndex);
            w.WriteNumber("bad_steps", p.BadSteps);
            w.WriteNumber("queue_filled", p.QueueFilled);
            w.WritePropertyName("settings");
            w.WriteRawValue(settingsJson);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Temp file in the same folder, flushed to disk, then renamed over the target.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            f.Write(Encoding.UTF8.GetBytes(text));
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>Named optimizer-side tensors of a run (momentum buffers, queue slots).</summary>
public sealed record LarsSgdState(IReadOnlyList<KeyValuePair<string, Seer.Toolkit.Tensors.Tensor>> Tensors);
