using System.Globalization;
using System.Text;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// A saved subset of a training split, so a result can be reproduced: '#' header lines (dataset, split, seed, fraction
/// or per_class, count), then one key per line (an IDX index or a path relative to the dataset root).
/// </summary>
public sealed record SubsetList(string Dataset, string Split, long Seed, string Selection, IReadOnlyList<string> Keys)
{
    /// <summary>Writes the list atomically (temporary file, then rename).</summary>
    public void Save(string path)
    {
        var text = new StringBuilder()
            .Append("# seer subset list\n")
            .Append(CultureInfo.InvariantCulture, $"# dataset: {Dataset}\n")
            .Append(CultureInfo.InvariantCulture, $"# split: {Split}\n")
            .Append(CultureInfo.InvariantCulture, $"# seed: {Seed}\n")
            .Append(Selection.Length == 0 ? "" : $"# {Selection}\n")
            .Append(CultureInfo.InvariantCulture, $"# count: {Keys.Count}\n");
        foreach (var key in Keys) text.Append(key).Append('\n');
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a list written by <see cref="Save"/>; the count line must match the keys.</summary>
    public static SubsetList Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"subset list not found: {path}", path);
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                int colon = line.IndexOf(':');
                if (colon > 0) header[line[1..colon].Trim()] = line[(colon + 1)..].Trim();
                continue;
            }
            keys.Add(line);
        }
        if (!header.TryGetValue("dataset", out var dataset)) throw new InvalidDataException($"{path}: not a subset list (no '# dataset:' header line)");
        if (header.TryGetValue("count", out var count) && count != keys.Count.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"{path}: header says {count} entries but {keys.Count} are listed");
        long seed = header.TryGetValue("seed", out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : 0;
        string selection = header.TryGetValue("fraction", out var f) ? $"fraction: {f}" : header.TryGetValue("per_class", out var p) ? $"per_class: {p}" : "";
        return new SubsetList(dataset, header.GetValueOrDefault("split", "train"), seed, selection, keys);
    }

    /// <summary>
    /// Indices of the listed keys among <paramref name="count"/> items named by <paramref name="keyOf"/>, in list
    /// order; a key that is not there, or a list made for another dataset, is an error naming it.
    /// </summary>
    public int[] Resolve(string dataset, int count, Func<int, string> keyOf, string source)
    {
        if (!string.Equals(Dataset, dataset, StringComparison.Ordinal))
            throw new ArgumentException($"subset list {source} was made for dataset '{Dataset}', not '{dataset}'");
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++) index.TryAdd(keyOf(i), i);
        var result = new int[Keys.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < Keys.Count; k++)
        {
            if (!index.TryGetValue(Keys[k], out result[k]))
                throw new ArgumentException($"subset list {source}: entry {k + 1} '{Keys[k]}' is not in the {Split} split of {dataset} (was the list made with another train/val split?)");
            if (!seen.Add(Keys[k])) throw new ArgumentException($"subset list {source}: entry {k + 1} '{Keys[k]}' is listed twice");
        }
        return result;
    }
}
