namespace Seer.Toolkit.Weights;

/// <summary>Formats shapes as "[a, b, c]" for messages.</summary>
internal static class ShapeText
{
    /// <summary>The shape as "[a, b, c]"; "[]" for a 0-d scalar.</summary>
    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";
}
