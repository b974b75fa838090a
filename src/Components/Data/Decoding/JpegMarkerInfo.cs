namespace Seer.Toolkit.Data;

/// <summary>Where a walk over a JPEG's marker segments stopped.</summary>
public enum JpegMarkerEnd
{
    /// <summary>Reached the first start-of-scan (SOS): the header is complete.</summary>
    StartOfScan,

    /// <summary>The data ran out inside the header.</summary>
    EndOfData,

    /// <summary>A segment length or marker made no sense, or EOI came before any scan.</summary>
    Malformed,
}

/// <summary>What the header segments before the first scan say: EXIF orientation, Adobe APP14 presence, where the walk ended.</summary>
public readonly record struct JpegMarkerInfo(int Orientation, bool HasAdobeMarker, JpegMarkerEnd End)
{
    /// <summary>Walks the segments from SOI to the first SOS (bounds-checked; never throws).</summary>
    public static JpegMarkerInfo Read(ReadOnlySpan<byte> jpeg)
    {
        int orientation = 1;
        bool adobe = false, sawExif = false;
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return new(1, false, JpegMarkerEnd.Malformed);
        var pos = 2;
        while (true)
        {
            while (pos < jpeg.Length && jpeg[pos] != 0xFF) pos++;       // tolerate garbage between segments, as libjpeg does
            while (pos < jpeg.Length && jpeg[pos] == 0xFF) pos++;       // fill bytes
            if (pos >= jpeg.Length) return new(orientation, adobe, JpegMarkerEnd.EndOfData);
            var marker = jpeg[pos++];
            if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7)) continue;   // standalone markers
            if (marker == 0xD9) return new(orientation, adobe, JpegMarkerEnd.Malformed);
            if (marker == 0x00) return new(orientation, adobe, JpegMarkerEnd.Malformed);
            if (pos + 2 > jpeg.Length) return new(orientation, adobe, JpegMarkerEnd.EndOfData);
            var length = (jpeg[pos] << 8) | jpeg[pos + 1];
            if (length < 2) return new(orientation, adobe, JpegMarkerEnd.Malformed);
            if (marker == 0xDA) return new(orientation, adobe, JpegMarkerEnd.StartOfScan);
            if (pos + length > jpeg.Length) return new(orientation, adobe, JpegMarkerEnd.EndOfData);
            var payload = jpeg.Slice(pos + 2, length - 2);
            if (marker == 0xE1 && !sawExif && payload.StartsWith("Exif\0\0"u8))
            {
                sawExif = true;
                orientation = ExifOrientationReader.Read(payload);
            }
            else if (marker == 0xEE && payload.StartsWith("Adobe"u8))
            {
                adobe = true;
            }
            pos += length;
        }
    }
}
