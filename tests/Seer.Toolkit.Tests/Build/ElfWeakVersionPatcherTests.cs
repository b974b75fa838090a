using Seer.Toolkit.Build.Native;

namespace Seer.Toolkit.Tests.Build;

/// <summary>The build step that lets TorchSharp's native library load on hosts with an older libstdc++.</summary>
public class ElfWeakVersionPatcherTests
{
    private static string PristineLibrary()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"restored TorchSharp package not found at {path}");
        var copy = Path.Combine(Path.GetTempPath(), $"seer-elf-{Guid.NewGuid():N}.so");
        File.Copy(path, copy);
        return copy;
    }

    [Fact]
    public void Package_library_requires_glibcxx_3_4_32_strictly()
    {
        var path = PristineLibrary();
        try
        {
            var needs = ElfWeakVersionPatcher.RequiredVersions(File.ReadAllBytes(path), path);
            var v = Assert.Single(needs, n => n.Name == "GLIBCXX_3.4.32");
            Assert.Equal("libstdc++.so.6", v.Library);
            Assert.False(v.IsWeak);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Only_the_missing_unrelocated_version_is_weakened_and_only_its_flag_bytes_change()
    {
        var path = PristineLibrary();
        try
        {
            var before = File.ReadAllBytes(path);
            var all = ElfWeakVersionPatcher.RequiredVersions(before, path).Where(n => n.Library == "libstdc++.so.6").Select(n => n.Name).ToHashSet();
            all.Remove("GLIBCXX_3.4.32");                                 // a host that lacks exactly this version
            var outcome = ElfWeakVersionPatcher.WeakenMissing(path, "libstdc++.so.6", all);
            Assert.Equal(["GLIBCXX_3.4.32"], outcome.Weakened);
            Assert.Empty(outcome.Refused);

            var after = File.ReadAllBytes(path);
            Assert.Equal(before.Length, after.Length);
            var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
            var flagOffset = ElfWeakVersionPatcher.RequiredVersions(before, path).Single(n => n.Name == "GLIBCXX_3.4.32").FlagsOffset;
            Assert.Equal([(int)flagOffset], changed);
            Assert.True(ElfWeakVersionPatcher.RequiredVersions(after, path).Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak);

            var again = ElfWeakVersionPatcher.WeakenMissing(path, "libstdc++.so.6", all);   // idempotent
            Assert.False(again.Changed);
            Assert.Equal(["GLIBCXX_3.4.32"], again.AlreadyWeak);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_version_whose_symbols_are_relocated_is_refused()
    {
        var path = PristineLibrary();
        try
        {
            var bytes = File.ReadAllBytes(path);
            var relocated = ElfWeakVersionPatcher.RelocatedVersionIndices(bytes, path);
            var used = ElfWeakVersionPatcher.RequiredVersions(bytes, path).First(n => n.Library == "libstdc++.so.6" && relocated.Contains(n.Index));
            var outcome = ElfWeakVersionPatcher.WeakenMissing(path, "libstdc++.so.6", new HashSet<string>());
            Assert.Contains(used.Name, outcome.Refused);
            Assert.DoesNotContain("GLIBCXX_3.4.32", outcome.Refused);
            Assert.Contains("GLIBCXX_3.4.32", outcome.Weakened);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Host_libstdcxx_versions_are_read_from_its_definitions()
    {
        var host = ElfWeakVersionPatcher.FindHostLibrary("libstdc++.so.6");
        Assert.NotNull(host);
        var defined = ElfWeakVersionPatcher.DefinedVersions(host!);
        Assert.Contains("GLIBCXX_3.4", defined);
        Assert.Contains("CXXABI_1.3", defined);
    }

    [Fact]
    public void Non_elf_input_is_named_in_the_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a shared object");
            var e = Assert.Throws<InvalidDataException>(() => ElfWeakVersionPatcher.RequiredVersions(File.ReadAllBytes(path), path));
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }
}
