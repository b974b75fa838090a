using System.Text;

namespace Seer.Toolkit.Weights;

/// <summary>Missing, unexpected and mis-shaped keys between a model's expected state and a checkpoint.</summary>
public sealed class StateMatchResult(IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
    IReadOnlyList<ShapeMismatch> shapeMismatches, IReadOnlyDictionary<string, long[]> expected, IReadOnlyDictionary<string, long[]> found)
{
    /// <summary>Entries listed per category in an error message before "... and N more".</summary>
    public const int MaxListed = 20;

    /// <summary>Expected keys the checkpoint lacks, sorted ordinally.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;

    /// <summary>Checkpoint keys the model does not expect, sorted ordinally.</summary>
    public IReadOnlyList<string> Unexpected { get; } = unexpected;

    /// <summary>Keys on both sides with different shapes, sorted ordinally.</summary>
    public IReadOnlyList<ShapeMismatch> ShapeMismatches { get; } = shapeMismatches;

    /// <summary>True when nothing is missing, unexpected or mis-shaped.</summary>
    public bool IsMatch => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0;

    /// <summary>Throws <see cref="CheckpointMismatchException"/> listing every offending key unless <see cref="IsMatch"/>.</summary>
    public void ThrowIfMismatch(string? source = null)
    {
        if (!IsMatch) throw new CheckpointMismatchException(Describe(source), this);
    }

    /// <summary>A multi-line report naming each offending key with its shapes; long lists are cut after <see cref="MaxListed"/>.</summary>
    public string Describe(string? source = null)
    {
        var sb = new StringBuilder();
        sb.Append(source is null ? "checkpoint" : $"checkpoint '{source}'")
          .Append(" does not match the model: ")
          .Append($"{Missing.Count} missing, {Unexpected.Count} unexpected, {ShapeMismatches.Count} with a different shape");
        AppendList(sb, "missing", Missing, k => $"{k} (expected {ShapeText.Format(expected[k])})");
        AppendList(sb, "unexpected", Unexpected, k => $"{k} (found {ShapeText.Format(found[k])})");
        AppendList(sb, "shape mismatch", ShapeMismatches, m => m.ToString());
        return sb.ToString();
    }

    private static void AppendList<T>(StringBuilder sb, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0) return;
        sb.Append('\n').Append(title).Append(':');
        foreach (var item in items.Take(MaxListed)) sb.Append("\n  ").Append(line(item));
        if (items.Count > MaxListed) sb.Append($"\n  ... and {items.Count - MaxListed} more");
    }
}
