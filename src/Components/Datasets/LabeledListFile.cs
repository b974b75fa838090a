using System.Globalization;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// A .csv/.txt list of <c>path,label</c> lines (split at the last comma; lines without a comma at the last tab or
/// space; fields may be double-quoted). Relative paths resolve against the list's folder; blank and '#' lines are
/// ignored; a first line whose path column is a header word (path, file, filename, image) or whose label column is
/// (label, class, target, category) is a header. Labels are integers when the first one is (classes 0 … max), else
/// names (classes in ordinal order). The list is split into train/val by <see cref="DatasetSplitter.Split"/>. Errors
/// name the list and the line.
/// </summary>
public static class LabeledListFile
{
    private static readonly HashSet<string> PathHeaders = new(["path", "file", "filename", "file_name", "filepath", "image", "image_path", "img"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> LabelHeaders = new(["label", "labels", "class", "class_name", "target", "category", "y"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the list and splits it.</summary>
    public static LabeledSplits Open(string listPath, LabeledDatasetOptions options)
    {
        return LabeledSplits.ByFraction(Read(listPath, options), options.ValFraction, options.Seed);
    }

    /// <summary>Reads every entry of the list as one split.</summary>
    public static LabeledFileImages Read(string listPath, LabeledDatasetOptions options)
    {
        if (!File.Exists(listPath)) throw new FileNotFoundException($"list file not found: {listPath}", listPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(listPath))!;
        var entries = new List<(int Line, string Path, string Key, string Label)>();
        int lineNo = 0;
        bool first = true;
        foreach (var raw in File.ReadLines(listPath))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var (pathField, labelField) = SplitLine(line, listPath, lineNo);
            var full = Path.IsPathRooted(pathField) ? pathField : Path.GetFullPath(Path.Combine(folder, pathField));
            if (first && !File.Exists(full) && (PathHeaders.Contains(pathField) || LabelHeaders.Contains(labelField)))
            {
                first = false;
                continue;
            }
            first = false;
            if (pathField.Length == 0) throw new InvalidDataException($"{listPath} line {lineNo}: empty path");
            if (labelField.Length == 0) throw new InvalidDataException($"{listPath} line {lineNo}: empty label for '{pathField}'");
            entries.Add((lineNo, full, pathField.Replace('\\', '/'), labelField));
        }
        if (entries.Count == 0) throw new InvalidDataException($"{listPath} lists no images (expected lines of 'path,label')");

        var missing = entries.Where(e => !File.Exists(e.Path)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"{listPath}: {missing.Count} listed file(s) do not exist: " +
                string.Join("; ", missing.Take(5).Select(e => $"line {e.Line}: {e.Path}")) + (missing.Count > 5 ? "; …" : ""), missing[0].Path);

        bool integers = int.TryParse(entries[0].Label, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        IReadOnlyList<string> classNames;
        int[] labels = new int[entries.Count];
        if (integers)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (!int.TryParse(e.Label, NumberStyles.Integer, CultureInfo.InvariantCulture, out labels[i]))
                    throw new InvalidDataException($"{listPath} line {e.Line}: label '{e.Label}' is not an integer, but the list's labels are integers (line {entries[0].Line}: {entries[0].Label}); use class names or class indices throughout");
                if (labels[i] < 0) throw new InvalidDataException($"{listPath} line {e.Line}: label {labels[i]} is negative; class indices start at 0");
            }
            classNames = [.. Enumerable.Range(0, labels.Max() + 1).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        }
        else
        {
            var names = entries.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            for (int i = 0; i < entries.Count; i++) labels[i] = index[entries[i].Label];
            classNames = names;
        }
        var name = Path.GetFileNameWithoutExtension(listPath);
        var files = entries.Select((e, i) => new LabeledFile(e.Path, labels[i], e.Key)).ToList();
        return new LabeledFileImages(name, files, classNames, new ImageDecoder(options.Decode));
    }

    private static (string Path, string Label) SplitLine(string line, string listPath, int lineNo)
    {
        int cut = line.LastIndexOf(',');
        if (cut < 0) cut = line.LastIndexOf('\t');
        if (cut < 0) cut = line.LastIndexOf(' ');
        if (cut < 0) throw new InvalidDataException($"{listPath} line {lineNo}: expected 'path,label', got '{line}'");
        return (Unquote(line[..cut]), Unquote(line[(cut + 1)..]));
    }

    private static string Unquote(string field)
    {
        field = field.Trim();
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"") : field;
    }
}
