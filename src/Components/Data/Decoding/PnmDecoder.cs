namespace Seer.Toolkit.Data;

/// <summary>Decodes binary PGM (P5) and PPM (P6), 8- or 16-bit, to RGB.</summary>
internal static class PnmDecoder
{
    public static DecodeResult Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        var channels = data[1] == '6' ? 3 : 1;
        var pos = 2;
        if (!TryNumber(data, ref pos, out var width) || !TryNumber(data, ref pos, out var height) || !TryNumber(data, ref pos, out var maxValue))
            return pos >= data.Length
                ? DecodeResult.Fail(DecodeStatus.Truncated, ImageFormat.Pnm, "header ends early")
                : DecodeResult.Fail(DecodeStatus.Corrupt, ImageFormat.Pnm, "malformed header");
        if (width is < 1 or > int.MaxValue || height is < 1 or > int.MaxValue || maxValue is < 1 or > 65535)
            return DecodeResult.Fail(DecodeStatus.Corrupt, ImageFormat.Pnm, $"bad header values {width}×{height}, maxval {maxValue}");
        int w = (int)width, h = (int)height;
        if (width * height > options.MaxPixels)
            return DecodeResult.Fail(DecodeStatus.TooLarge, ImageFormat.Pnm, $"{width}×{height} pixels", w, h);
        pos++;                                                         // the single whitespace after maxval
        var bytesPerSample = maxValue > 255 ? 2 : 1;
        var pixels = width * height;
        var need = pixels * channels * bytesPerSample;
        if (pos > data.Length || data.Length - pos < need)
            return DecodeResult.Fail(DecodeStatus.Truncated, ImageFormat.Pnm, $"needs {need} sample bytes, has {Math.Max(0, data.Length - pos)}", w, h);
        var samples = data.Slice(pos, (int)need);
        var rgb = new byte[3 * pixels];
        for (long i = 0; i < pixels; i++)
            for (var c = 0; c < 3; c++)
            {
                var s = i * channels + (channels == 3 ? c : 0);
                int v = bytesPerSample == 1 ? samples[(int)s] : (samples[(int)(2 * s)] << 8) | samples[(int)(2 * s + 1)];
                rgb[3 * i + c] = (byte)Math.Min(255, (v * 255 + maxValue / 2) / maxValue);
            }
        return DecodeResult.Ok(ImageFormat.Pnm, w, h, new DecodedImage(w, h, rgb));
    }

    // Skips whitespace and '#' comments, then reads one decimal number.
    private static bool TryNumber(ReadOnlySpan<byte> data, ref int pos, out long value)
    {
        value = 0;
        while (pos < data.Length)
        {
            if (data[pos] == '#')
                while (pos < data.Length && data[pos] != '\n') pos++;
            else if (data[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') pos++;
            else break;
        }
        var start = pos;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9' && pos - start < 12)
            value = value * 10 + (data[pos++] - '0');
        return pos > start && pos < data.Length;
    }
}
