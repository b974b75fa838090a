using System.Formats.Tar;
using Seer.Toolkit.Data;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary>The tar reader against archives written by the BCL's TarWriter (an independent writer).</summary>
public class TarHeaderReaderTests
{
    private static readonly string LongName = string.Join('/', Enumerable.Repeat("deeply-nested-folder", 8)) + "/image.png";

    private static byte[] BuildTar(TarEntryFormat format, IReadOnlyList<(string Name, byte[] Data)> files)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, format, leaveOpen: true))
        {
            writer.WriteEntry(Directory(format, "shard/"));
            foreach (var (name, data) in files)
            {
                var entry = Regular(format, name);
                entry.DataStream = new MemoryStream(data);
                writer.WriteEntry(entry);
            }
            var link = Symlink(format, "shard/link.png");
            link.LinkName = files[0].Name;
            writer.WriteEntry(link);
        }
        return output.ToArray();
    }

    private static TarEntry Regular(TarEntryFormat f, string name) => f switch
    {
        TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.RegularFile, name),
        TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.RegularFile, name),
        _ => new PaxTarEntry(TarEntryType.RegularFile, name),
    };

    private static TarEntry Directory(TarEntryFormat f, string name) => f switch
    {
        TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.Directory, name),
        TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.Directory, name),
        _ => new PaxTarEntry(TarEntryType.Directory, name),
    };

    private static TarEntry Symlink(TarEntryFormat f, string name) => f switch
    {
        TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.SymbolicLink, name),
        TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.SymbolicLink, name),
        _ => new PaxTarEntry(TarEntryType.SymbolicLink, name),
    };

    private static List<(string Name, byte[] Data)> Files(string longName)
    {
        var png = SkiaEncode.Rgb(8, 8, TestPatterns.Quadrant, SKEncodedImageFormat.Png);
        var jpeg = SkiaEncode.Jpeg(16, 12, TestPatterns.Scene);
        return [("shard/000.png", png), ("shard/000.cls", "3\n"u8.ToArray()), ("shard/001.jpg", jpeg), ("shard/empty.bin", []), (longName, png)];
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    public void Round_trip_lists_regular_files_with_their_bytes(TarEntryFormat format)
    {
        // ustar splits long names into prefix + name (at most 155 + 100 bytes); pax and GNU have their own records.
        var longName = format == TarEntryFormat.Ustar ? "prefix-folder-" + new string('p', 100) + "/image-with-a-long-name.png" : LongName;
        var files = Files(longName);
        using var folder = new TempFolder();
        var path = folder.Write("shard-000.tar", BuildTar(format, files));
        var listing = TarHeaderReader.List(path);
        Assert.Null(listing.Error);
        Assert.Equal(files.Select(f => f.Name), listing.Entries.Select(e => e.Name));
        var source = new TarShardImageSource([path]);
        Assert.Equal(files.Select(f => $"{path}/{f.Name}"), source.Items.Select(i => i.Id));
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Equal(files[i].Data, source.Items[i].ReadAllBytes());
            Assert.Equal(files[i].Data.Length, source.Items[i].GetLength());
        }
        var decoder = new ImageDecoder();
        Assert.Equal(
            [DecodeStatus.Ok, DecodeStatus.NotAnImage, DecodeStatus.Ok, DecodeStatus.Empty, DecodeStatus.Ok],
            source.Items.Select(i => decoder.Decode(i).Status));
    }

    [Fact]
    public void Cut_shard_keeps_complete_entries_and_the_cut_one_reads_short()
    {
        var files = Files(LongName).Take(3).ToList();
        var tar = BuildTar(TarEntryFormat.Pax, files);
        var listing = TarHeaderReader.List(new MemoryStream(tar));
        var jpegEntry = listing.Entries.Single(e => e.Name == "shard/001.jpg");
        using var folder = new TempFolder();
        var path = folder.Write("cut.tar", tar[..(int)(jpegEntry.DataOffset + jpegEntry.Size / 2)]);
        var source = new TarShardImageSource([path]);
        Assert.Equal(3, source.Items.Count);
        Assert.Equal(files[0].Data, source.Items[0].ReadAllBytes());
        var cut = source.Items[2];
        Assert.Equal(jpegEntry.Size / 2, cut.ReadAllBytes().Length);
        Assert.Contains(new ImageDecoder().Decode(cut).Status, new[] { DecodeStatus.Truncated, DecodeStatus.Corrupt });
    }

    [Fact]
    public void Damaged_header_ends_the_listing_with_a_problem_not_an_exception()
    {
        var files = Files(LongName).Take(3).ToList();
        var tar = BuildTar(TarEntryFormat.Ustar, files);
        var listing = TarHeaderReader.List(new MemoryStream(tar));
        var second = listing.Entries[1];
        tar[(int)second.DataOffset - 512 + 10] ^= 0x55;                         // corrupt the second file's header name
        using var folder = new TempFolder();
        var source = new TarShardImageSource([folder.Write("bad.tar", tar)]);
        Assert.Single(source.Items);
        Assert.Contains("checksum", Assert.Single(source.ListingProblems));
    }

    [Fact]
    public void Not_a_tar_is_a_listing_problem()
    {
        using var folder = new TempFolder();
        var source = new TarShardImageSource([folder.Write("text.tar", "hello, this is not a tar archive at all"u8.ToArray())]);
        Assert.Empty(source.Items);
        Assert.Single(source.ListingProblems);
    }
}
