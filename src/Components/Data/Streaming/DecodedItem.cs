namespace Seer.Toolkit.Data;

/// <summary>One item as decoded by an <see cref="ImageStream"/>: its input position, the item and the result.</summary>
public sealed record DecodedItem(long Sequence, ImageItem Item, DecodeResult Result);
