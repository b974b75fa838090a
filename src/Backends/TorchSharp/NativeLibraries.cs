using System.Runtime.InteropServices;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>
/// Loads libtorch before TorchSharp's own probing. In a NativeAOT executable there is no deps.json, so the
/// libraries beside the executable are loaded by full path; a load failure is reported with the reason.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static bool _loaded;

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            GlibcHeapPolicy.Apply();
            var dir = AppContext.BaseDirectory;
            foreach (var name in (string[])["libtorch_cpu.so", "libLibTorchSharp.so"])
            {
                var path = Path.Combine(dir, name);
                if (!File.Exists(path)) continue;
                try
                {
                    NativeLibrary.Load(path);
                }
                catch (DllNotFoundException e)
                {
                    throw new InvalidOperationException(
                        $"could not load {path}: {e.Message}. If the message names GLIBCXX_3.4.32, the build step that " +
                        "marks that version weak did not run on this output (see README, 'TorchSharp on older libstdc++').", e);
                }
            }
            _loaded = true;
        }
    }
}
