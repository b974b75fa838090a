using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer data scan</c>: decodes every image of a folder, file list or tar shard and reports what was skipped and why.</summary>
internal static class DataCommands
{
    public static Command Create()
    {
        var data = new Command("data", "the uncurated image stream: sources and decoding");
        data.Subcommands.Add(Scan());
        return data;
    }

    private static Command Scan()
    {
        var path = new Argument<string>("PATH") { Description = "a folder (recursive), a .txt file list (one path per line) or a .tar shard" };
        var json = new Option<bool>("--json") { Description = "print JSON: ok, skipped, reasons, files" };
        var maxPixels = new Option<long>("--max-pixels") { Description = "refuse images above this many pixels (from the header)", DefaultValueFactory = _ => new DecodeOptions().MaxPixels };
        var threads = new Option<int>("--threads") { Description = "decoding threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("scan", "decode every image (JPEG at its smallest DCT scale) and count skipped ones by reason") { path, json, maxPixels, threads };
        cmd.SetAction(r => CliAction.Run(r, output =>
        {
            var limit = r.GetValue(maxPixels);
            var workers = r.GetValue(threads);
            if (limit < 1) throw new ArgumentException($"--max-pixels must be >= 1 (got {limit})");
            if (workers < 1) throw new ArgumentException($"--threads must be >= 1 (got {workers})");
            var error = r.InvocationConfiguration.Error;
            var source = ImageSources.Open(r.GetValue(path)!);
            foreach (var problem in source.ListingProblems) error.WriteLine($"seer: warning: {problem}");
            var decoder = new ImageDecoder(new DecodeOptions { MaxPixels = limit, MinSide = 1 }, message => error.WriteLine($"seer: warning: {message}"));
            var stream = new ImageStream(decoder, new ImageStreamOptions { Threads = workers });
            var watch = Stopwatch.StartNew();
            var files = stream.DecodeAll(source.Items).Select(d => new ScanRecord(d.Item.Id, d.Result.Status, d.Result.Width, d.Result.Height)).ToList();
            var counts = stream.Counts;
            if (r.GetValue(json)) WriteJson(output, counts, files);
            else WriteSummary(output, source, counts, watch.Elapsed, workers, decoder.UsesTurboJpeg);
            return 0;
        }));
        return cmd;
    }

    private static void WriteJson(TextWriter output, DecodeCounts counts, List<ScanRecord> files) => JsonOutput.Write(output, w =>
    {
        w.WriteNumber("ok", counts.Ok);
        w.WriteNumber("skipped", counts.Skipped);
        w.WriteStartObject("reasons");
        foreach (var reason in DecodeStatusNames.Reasons) w.WriteNumber(reason.ToName(), counts.Reasons[reason]);
        w.WriteEndObject();
        w.WriteStartArray("files");
        foreach (var f in files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("status", f.Status == DecodeStatus.Ok ? "ok" : "skipped");
            if (f.Status == DecodeStatus.Ok) w.WriteNull("reason");
            else w.WriteString("reason", f.Status.ToName());
            WriteOptional(w, "width", f.Width);
            WriteOptional(w, "height", f.Height);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteSummary(TextWriter output, IImageSource source, DecodeCounts counts, TimeSpan elapsed, int threads, bool turboJpeg)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scanned {counts.Total:N0} files ({source.Description}) in {elapsed.TotalSeconds:F1} s, {threads} threads, JPEG via {(turboJpeg ? "TurboJPEG" : "SkiaSharp")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"ok",-16} {counts.Ok,10:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"skipped",-16} {counts.Skipped,10:N0}"));
        foreach (var reason in DecodeStatusNames.Reasons)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reason.ToName(),-14} {counts.Reasons[reason],10:N0}"));
    }

    private sealed record ScanRecord(string Path, DecodeStatus Status, int? Width, int? Height);
}
