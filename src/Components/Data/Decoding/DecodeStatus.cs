namespace Seer.Toolkit.Data;

/// <summary>Outcome of decoding one item: <see cref="Ok"/> or the reason it was skipped.</summary>
public enum DecodeStatus
{
    /// <summary>Decoded.</summary>
    Ok,

    /// <summary>The data is damaged (bad markers, checksums, entropy-coded data).</summary>
    Corrupt,

    /// <summary>The data ends before the image does.</summary>
    Truncated,

    /// <summary>Zero bytes.</summary>
    Empty,

    /// <summary>A recognised image format (or variant) that no decoder here handles, e.g. TIFF.</summary>
    Unsupported,

    /// <summary>No image signature (text, archives, random bytes).</summary>
    NotAnImage,

    /// <summary>Header dimensions (or file size) above the configured limit; no pixel memory was allocated.</summary>
    TooLarge,

    /// <summary>The bytes could not be read (missing file, permissions, short tar entry).</summary>
    IoError,
}
