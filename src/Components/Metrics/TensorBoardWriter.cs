using System.Globalization;
using System.Net;

namespace Seer.Toolkit.Metrics;

/// <summary>
/// A TensorBoard event file of scalars: <c>DIR/events.out.tfevents.&lt;unix-time&gt;.&lt;host&gt;</c> (".N" appended if
/// that name exists), first record file_version "brain.Event:2", then one Event per <see cref="WriteScalars"/>, flushed
/// at once so a killed run keeps everything it logged.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly TfRecordWriter _records;

    /// <summary>Creates <paramref name="directory"/> and a new event file in it.</summary>
    public TensorBoardWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        var name = string.Create(CultureInfo.InvariantCulture, $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{Host()}");
        Path = System.IO.Path.Combine(directory, name);
        for (int n = 1; File.Exists(Path); n++) Path = System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}.{n}"));
        _file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        _records = new TfRecordWriter(_file);
        Write(new TensorBoardEvent(UnixSeconds(now), 0, TensorBoardEvent.Version, []));
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    /// <summary>One Event at <paramref name="step"/> holding every scalar, flushed.</summary>
    public void WriteScalars(long step, params ReadOnlySpan<(string Tag, double Value)> scalars)
    {
        var values = new TensorBoardScalar[scalars.Length];
        for (int i = 0; i < scalars.Length; i++) values[i] = new TensorBoardScalar(scalars[i].Tag, (float)scalars[i].Value);
        Write(new TensorBoardEvent(UnixSeconds(DateTimeOffset.UtcNow), step, null, values));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void Write(TensorBoardEvent e)
    {
        _records.Write(e.Encode());
        _records.Flush();
    }

    private static double UnixSeconds(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    private static string Host()
    {
        try
        {
            var host = Dns.GetHostName();
            return string.IsNullOrEmpty(host) ? "localhost" : host;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    }
}
