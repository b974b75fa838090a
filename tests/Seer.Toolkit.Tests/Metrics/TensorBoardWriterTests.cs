using System.Text;
using Seer.Toolkit.Metrics;
using TorchSharp;

namespace Seer.Toolkit.Tests.Metrics;

/// <summary>Event files: same records as TorchSharp's SummaryWriter, valid CRCs, and a reader that survives a cut-off tail.</summary>
public sealed class TensorBoardWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-tb-").FullName;

    private static readonly (long Step, string Tag, float Value)[] Scalars =
    [
        (1, "loss", 8.123f), (1, "lr", 0.0625f), (1, "img_per_s", 311.5f), (1, "bad_steps", 0),
        (2, "loss", 7.5f), (2, "lr", 1.25e-4f), (2, "img_per_s", 1e6f), (2, "bad_steps", 1),
        (300, "loss", float.NaN), (300, "lr", -0.0f), (300, "img_per_s", float.PositiveInfinity), (300, "bad_steps", 2),
    ];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Crc32C_matches_the_bitwise_reference_and_the_published_check_value()
    {
        Assert.Equal(0xE3069283u, BitwiseCrc32C.Compute(Encoding.ASCII.GetBytes("123456789")));   // RFC 3720 B.4 check value
        var random = new Random(7);
        foreach (var n in new[] { 0, 1, 7, 8, 9, 63, 1000 })
        {
            var data = new byte[n];
            random.NextBytes(data);
            Assert.Equal(BitwiseCrc32C.Compute(data), MaskedCrc32C.Compute(data));
            Assert.Equal(BitwiseCrc32C.Masked(data), MaskedCrc32C.ComputeMasked(data));
        }
    }

    [Fact]
    public void Scalars_decode_like_those_of_TorchSharps_SummaryWriter()
    {
        var ours = Path.Combine(_dir, "ours");
        using (var writer = new TensorBoardWriter(ours))
            foreach (var step in Scalars.GroupBy(s => s.Step))
                writer.WriteScalars(step.Key, [.. step.Select(s => (s.Tag, (double)s.Value))]);
        var theirs = Path.Combine(_dir, "theirs");
        var reference = torch.utils.tensorboard.SummaryWriter(theirs);
        foreach (var (step, tag, value) in Scalars) reference.add_scalar(tag, value, (int)step);

        var ourFile = Assert.Single(Directory.GetFiles(ours));
        Assert.Matches(@"^events\.out\.tfevents\.\d{10}\.[^/]+$", Path.GetFileName(ourFile));
        var ourEvents = BitwiseCrc32C.CheckedRecords(File.ReadAllBytes(ourFile)).Select(r => Tensorboard.Event.Parser.ParseFrom(r)).ToList();
        var theirEvents = BitwiseCrc32C.CheckedRecords(File.ReadAllBytes(Assert.Single(Directory.GetFiles(theirs)))).Select(r => Tensorboard.Event.Parser.ParseFrom(r)).ToList();

        Assert.Equal("brain.Event:2", ourEvents[0].FileVersion);
        Assert.Equal(theirEvents[0].FileVersion, ourEvents[0].FileVersion);
        var expected = Scalars.Select(s => (s.Step, s.Tag, Bits(s.Value))).ToList();
        Assert.Equal(expected, Flatten(theirEvents));              // the reference writes what we meant to write ...
        Assert.Equal(expected, Flatten(ourEvents));                // ... and so do we, read by protobuf's own parser
        Assert.True(ourEvents.Skip(1).All(e => Math.Abs(e.WallTime - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 3600), "wall_time is unix seconds");

        var decoded = EventFileReader.Read(ourFile);                 // our reader agrees on our file and on theirs
        Assert.False(decoded.Truncated);
        Assert.Equal(expected, Flatten(decoded));
        Assert.Equal(expected, Flatten(EventFileReader.Read(Assert.Single(Directory.GetFiles(theirs)))));
    }

    [Fact]
    public void Reader_keeps_every_complete_record_of_a_cut_off_file()
    {
        string path;
        using (var writer = new TensorBoardWriter(_dir))
        {
            path = writer.Path;
            for (int step = 1; step <= 3; step++) writer.WriteScalars(step, ("loss", step * 0.5));
        }
        var bytes = File.ReadAllBytes(path);
        var boundaries = RecordEnds(bytes);
        Assert.Equal(4, boundaries.Count);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var result = TfRecordReader.Read(bytes.AsSpan(0, cut));
            int complete = boundaries.Count(end => end <= cut);
            Assert.Equal(complete, result.Records.Count);
            Assert.Equal(!boundaries.Contains(cut) && cut != 0, result.Truncated);
        }
        File.WriteAllBytes(path, bytes[..(boundaries[2] + 5)]);
        var file = EventFileReader.Read(path);
        Assert.True(file.Truncated);
        Assert.Equal([1L, 2L], file.Events.Skip(1).Select(e => e.Step));
    }

    [Theory]
    [InlineData(3)]          // inside the length field: its CRC no longer matches
    [InlineData(20)]         // inside the first payload
    public void A_flipped_byte_is_corruption_not_truncation(int position)
    {
        string path;
        using (var writer = new TensorBoardWriter(_dir))
        {
            path = writer.Path;
            writer.WriteScalars(1, ("loss", 1.0));
        }
        var bytes = File.ReadAllBytes(path);
        bytes[position] ^= 0x10;
        Assert.Throws<InvalidDataException>(() => TfRecordReader.Read(bytes));
    }

    [Fact]
    public void Writers_opened_in_the_same_second_get_distinct_files()
    {
        using var a = new TensorBoardWriter(_dir);
        using var b = new TensorBoardWriter(_dir);
        Assert.NotEqual(a.Path, b.Path);
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    private static List<int> RecordEnds(byte[] bytes)
    {
        var ends = new List<int>();
        int offset = 0;
        foreach (var record in BitwiseCrc32C.CheckedRecords(bytes))
        {
            offset += 16 + record.Length;
            ends.Add(offset);
        }
        return ends;
    }

    private static int Bits(float v) => BitConverter.SingleToInt32Bits(v);

    private static List<(long, string, int)> Flatten(IEnumerable<Tensorboard.Event> events) =>
        [.. events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, v.Tag, Bits(v.SimpleValue))))];

    private static List<(long, string, int)> Flatten(EventFile file) =>
        [.. file.Events.SelectMany(e => e.Scalars.Select(v => (e.Step, v.Tag, Bits(v.Value))))];
}
