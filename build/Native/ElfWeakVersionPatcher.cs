// Marks symbol-version requirements of an ELF64 shared object as weak (VER_FLG_WEAK in its .gnu.version_r
// Vernaux entries) when the host library does not define them and no relocation needs a symbol of that version.
// The dynamic loader then accepts the object on hosts whose libstdc++ is older than the one it was linked against.
// Compiled both as an MSBuild inline task (LibTorchSharp.targets) and, with SEER_STANDALONE_PATCHER, into tests.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Seer.Toolkit.Build.Native
{
    /// <summary>One Vernaux entry: a version the object needs from one library.</summary>
    public sealed class VersionNeed
    {
        public string Library = "";
        public string Name = "";
        public ushort Flags;
        public ushort Index;
        public long FlagsOffset;
        public bool IsWeak { get { return (Flags & ElfWeakVersionPatcher.VerFlagWeak) != 0; } }
    }

    /// <summary>Outcome of one patch call.</summary>
    public sealed class PatchOutcome
    {
        public List<string> Weakened = new List<string>();
        public List<string> AlreadyWeak = new List<string>();
        public List<string> Refused = new List<string>();
        public bool Changed { get { return Weakened.Count > 0; } }
    }

    /// <summary>ELF64 little-endian reader for version sections and the weak-flag patch.</summary>
    public static class ElfWeakVersionPatcher
    {
        public const ushort VerFlagWeak = 0x2;
        const uint ShtRela = 4, ShtDynsym = 11, ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;

        sealed class Section { public uint Type; public long Offset; public long Size; public uint Link; public long EntSize; }

        static ushort U16(byte[] b, long o) { return (ushort)(b[o] | b[o + 1] << 8); }
        static uint U32(byte[] b, long o) { return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }
        static long U64(byte[] b, long o) { return (long)((ulong)U32(b, o) | (ulong)U32(b, o + 4) << 32); }

        static string CString(byte[] b, long o)
        {
            long end = o;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }

        static List<Section> Sections(byte[] b, string path)
        {
            if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
                throw new InvalidDataException(path + ": not an ELF file");
            if (b[4] != 2 || b[5] != 1)
                throw new InvalidDataException(path + ": only ELF64 little-endian objects are supported");
            long shoff = U64(b, 0x28);
            int shentsize = U16(b, 0x3a), shnum = U16(b, 0x3c);
            if (shoff <= 0 || shoff + (long)shentsize * shnum > b.Length)
                throw new InvalidDataException(path + ": section header table out of range");
            var list = new List<Section>();
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                list.Add(new Section { Type = U32(b, h + 4), Offset = U64(b, h + 0x18), Size = U64(b, h + 0x20), Link = U32(b, h + 0x28), EntSize = U64(b, h + 0x38) });
            }
            return list;
        }

        /// <summary>Version names an object defines (.gnu.version_d), e.g. GLIBCXX_3.4.30 for libstdc++.</summary>
        public static HashSet<string> DefinedVersions(string path)
        {
            var b = File.ReadAllBytes(path);
            var secs = Sections(b, path);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in secs.Where(x => x.Type == ShtVerdef))
            {
                long strtab = secs[(int)s.Link].Offset, off = s.Offset;
                while (true)
                {
                    uint vdAux = U32(b, off + 12), vdNext = U32(b, off + 16);
                    names.Add(CString(b, strtab + U32(b, off + vdAux)));
                    if (vdNext == 0) break;
                    off += vdNext;
                }
            }
            return names;
        }

        /// <summary>Every Vernaux entry of the object (.gnu.version_r).</summary>
        public static List<VersionNeed> RequiredVersions(byte[] b, string path)
        {
            var secs = Sections(b, path);
            var list = new List<VersionNeed>();
            foreach (var s in secs.Where(x => x.Type == ShtVerneed))
            {
                long strtab = secs[(int)s.Link].Offset, off = s.Offset;
                while (true)
                {
                    ushort cnt = U16(b, off + 2);
                    string file = CString(b, strtab + U32(b, off + 4));
                    uint vnAux = U32(b, off + 8), vnNext = U32(b, off + 12);
                    long a = off + vnAux;
                    for (int i = 0; i < cnt; i++)
                    {
                        list.Add(new VersionNeed { Library = file, Flags = U16(b, a + 4), Index = U16(b, a + 6), Name = CString(b, strtab + U32(b, a + 8)), FlagsOffset = a + 4 });
                        uint next = U32(b, a + 12);
                        if (next == 0) break;
                        a += next;
                    }
                    if (vnNext == 0) break;
                    off += vnNext;
                }
            }
            return list;
        }

        /// <summary>Version indices used by symbols that some relocation refers to.</summary>
        public static HashSet<ushort> RelocatedVersionIndices(byte[] b, string path)
        {
            var secs = Sections(b, path);
            var used = new HashSet<ushort>();
            int dynsym = secs.FindIndex(x => x.Type == ShtDynsym);
            var versym = secs.FirstOrDefault(x => x.Type == ShtVersym);
            if (dynsym < 0 || versym == null) return used;
            foreach (var r in secs.Where(x => x.Type == ShtRela && x.Link == dynsym))
            {
                long ent = r.EntSize == 0 ? 24 : r.EntSize;
                for (long o = r.Offset; o + ent <= r.Offset + r.Size; o += ent)
                {
                    long sym = (long)((ulong)U64(b, o + 8) >> 32);
                    if (sym == 0) continue;
                    used.Add((ushort)(U16(b, versym.Offset + 2 * sym) & 0x7fff));
                }
            }
            return used;
        }

        /// <summary>
        /// Weakens each version that <paramref name="objectPath"/> needs from <paramref name="library"/> but that
        /// <paramref name="available"/> lacks. Versions referenced by a relocation are refused (left strict), since
        /// weakening them would only move the failure to run time. Writes through a temporary file and rename.
        /// </summary>
        public static PatchOutcome WeakenMissing(string objectPath, string library, ISet<string> available)
        {
            var b = File.ReadAllBytes(objectPath);
            var outcome = new PatchOutcome();
            var relocated = RelocatedVersionIndices(b, objectPath);
            foreach (var need in RequiredVersions(b, objectPath))
            {
                if (need.Library != library || available.Contains(need.Name)) continue;
                if (need.IsWeak) { outcome.AlreadyWeak.Add(need.Name); continue; }
                if (relocated.Contains(need.Index)) { outcome.Refused.Add(need.Name); continue; }
                ushort flags = (ushort)(need.Flags | VerFlagWeak);
                b[need.FlagsOffset] = (byte)(flags & 0xff);
                b[need.FlagsOffset + 1] = (byte)(flags >> 8);
                outcome.Weakened.Add(need.Name);
            }
            if (outcome.Changed)
            {
                var temp = objectPath + ".weak-" + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllBytes(temp, b);
                File.Delete(objectPath);
                File.Move(temp, objectPath);
            }
            return outcome;
        }

        /// <summary>The host's libstdc++.so.6, or null when none of the usual locations has it.</summary>
        public static string? FindHostLibrary(string soname)
        {
            string[] dirs = { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/lib/aarch64-linux-gnu" };
            foreach (var d in dirs)
            {
                var p = Path.Combine(d, soname);
                if (File.Exists(p)) return p;
            }
            return null;
        }
    }

#if !SEER_STANDALONE_PATCHER
    /// <summary>MSBuild task: weakens libstdc++ versions missing on this host in the given shared objects.</summary>
    public sealed class WeakenMissingLibStdCxxVersions : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

        public override bool Execute()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux)) return true;
            var host = ElfWeakVersionPatcher.FindHostLibrary("libstdc++.so.6");
            if (host == null)
            {
                Log.LogWarning("libstdc++.so.6 not found on this host; native libraries left unpatched");
                return true;
            }
            var available = ElfWeakVersionPatcher.DefinedVersions(host);
            foreach (var item in Files)
            {
                var path = item.ItemSpec;
                if (!File.Exists(path)) continue;
                var outcome = ElfWeakVersionPatcher.WeakenMissing(path, "libstdc++.so.6", available);
                if (outcome.Changed)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, "{0}: marked weak for this host's libstdc++: {1}", path, string.Join(", ", outcome.Weakened));
                if (outcome.Refused.Count > 0)
                    Log.LogWarning("{0} needs {1} from libstdc++ with relocations; this host's libstdc++ ({2}) is too old to run it", path, string.Join(", ", outcome.Refused), host);
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
