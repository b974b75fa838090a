namespace Seer.Toolkit.Weights;

/// <summary>A key present on both sides whose shapes differ.</summary>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Found)
{
    /// <summary>"key: expected [a, b], found [c, d]".</summary>
    public override string ToString() => $"{Key}: expected {ShapeText.Format(Expected)}, found {ShapeText.Format(Found)}";
}
