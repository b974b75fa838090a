namespace Seer.Toolkit.Data;

/// <summary>The snake_case names of <see cref="DecodeStatus"/> values used in JSON and summaries.</summary>
public static class DecodeStatusNames
{
    /// <summary>Every failure reason (all statuses except <see cref="DecodeStatus.Ok"/>) in declaration order.</summary>
    public static IReadOnlyList<DecodeStatus> Reasons { get; } =
    [
        DecodeStatus.Corrupt, DecodeStatus.Truncated, DecodeStatus.Empty, DecodeStatus.Unsupported,
        DecodeStatus.NotAnImage, DecodeStatus.TooLarge, DecodeStatus.IoError,
    ];

    /// <summary>"ok", "corrupt", "truncated", "empty", "unsupported", "not_an_image", "too_large", "io_error".</summary>
    public static string ToName(this DecodeStatus status) => status switch
    {
        DecodeStatus.Ok => "ok",
        DecodeStatus.Corrupt => "corrupt",
        DecodeStatus.Truncated => "truncated",
        DecodeStatus.Empty => "empty",
        DecodeStatus.Unsupported => "unsupported",
        DecodeStatus.NotAnImage => "not_an_image",
        DecodeStatus.TooLarge => "too_large",
        DecodeStatus.IoError => "io_error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
