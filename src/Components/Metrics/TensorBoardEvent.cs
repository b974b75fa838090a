namespace Seer.Toolkit.Metrics;

/// <summary>One scalar of a summary: Summary.Value { tag = 1; simple_value = 2 }.</summary>
public readonly record struct TensorBoardScalar(string Tag, float Value);

/// <summary>
/// The subset of TensorFlow's Event message that scalar logging uses: wall_time (double, field 1), step (int64, 2),
/// file_version (string, 3; "brain.Event:2" in a file's first record) and summary (5) with its scalar values.
/// </summary>
public sealed record TensorBoardEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<TensorBoardScalar> Scalars)
{
    /// <summary>The file_version a writer puts in its first record.</summary>
    public const string Version = "brain.Event:2";

    /// <summary>Protobuf encoding.</summary>
    public byte[] Encode()
    {
        var e = new ProtoWriter();
        e.Double(1, WallTime);
        e.Int64(2, Step);
        if (FileVersion is not null) e.String(3, FileVersion);
        if (Scalars.Count > 0)
        {
            var summary = new ProtoWriter();
            foreach (var s in Scalars)
            {
                var value = new ProtoWriter();
                value.String(1, s.Tag);
                value.Float(2, s.Value);
                summary.Bytes(1, value.ToArray());
            }
            e.Bytes(5, summary.ToArray());
        }
        return e.ToArray();
    }

    /// <summary>Decodes an Event; fields other than these (and non-scalar values) are skipped.</summary>
    public static TensorBoardEvent Decode(ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        var scalars = new List<TensorBoardScalar>();
        var r = new ProtoReader(data);
        while (r.Next(out int field))
        {
            switch (field)
            {
                case 1: wallTime = r.Double(); break;
                case 2: step = r.Int64(); break;
                case 3: version = r.String(); break;
                case 5: DecodeSummary(r.Bytes(), scalars); break;
                default: r.Skip(); break;
            }
        }
        return new TensorBoardEvent(wallTime, step, version, scalars);
    }

    private static void DecodeSummary(ReadOnlySpan<byte> data, List<TensorBoardScalar> scalars)
    {
        var r = new ProtoReader(data);
        while (r.Next(out int field))
        {
            if (field != 1)
            {
                r.Skip();
                continue;
            }
            var v = new ProtoReader(r.Bytes());
            string tag = "";
            float? value = null;
            while (v.Next(out int f))
            {
                if (f == 1) tag = v.String();
                else if (f == 2) value = v.Float();
                else v.Skip();
            }
            if (value is { } x) scalars.Add(new TensorBoardScalar(tag, x));
        }
    }
}
