using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Tests.Data;

namespace Seer.Toolkit.Tests.Pretraining;

/// <summary>What `seer eval --checkpoint` accepts, and the clean-up of writes a killed run left behind.</summary>
public class PretrainCheckpointPathTests
{
    private static (TempFolder Run, string Step) FakeRun()
    {
        var run = new TempFolder();
        run.Write("checkpoints/step-00000003/trunk.safetensors", [1]);
        var step = run.Write("checkpoints/step-00000006/trunk.safetensors", [2]);
        run.Write("checkpoints/latest", "step-00000006"u8.ToArray());
        return (run, step);
    }

    [Fact]
    public void Run_folder_checkpoints_folder_and_latest_pointer_resolve_to_the_latest_trunk()
    {
        var (run, step) = FakeRun();
        using (run)
        {
            var checkpoints = Path.Combine(run.Path, "checkpoints");
            Assert.Equal(step, PretrainCheckpoint.ResolveTrunkFile(run.Path));
            Assert.Equal(step, PretrainCheckpoint.ResolveTrunkFile(checkpoints));
            Assert.Equal(step, PretrainCheckpoint.ResolveTrunkFile(checkpoints + Path.DirectorySeparatorChar));
            Assert.Equal(step, PretrainCheckpoint.ResolveTrunkFile(Path.Combine(checkpoints, "latest")));
            var older = Path.Combine(checkpoints, "step-00000003");
            Assert.Equal(Path.Combine(older, "trunk.safetensors"), PretrainCheckpoint.ResolveTrunkFile(older));
            Assert.Equal(step, PretrainCheckpoint.ResolveTrunkFile(step));
        }
    }

    [Fact]
    public void A_folder_without_checkpoints_is_named_in_the_error()
    {
        using var empty = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => PretrainCheckpoint.ResolveTrunkFile(empty.Path));
        Assert.Contains(empty.Path, e.Message);
    }

    [Fact]
    public void Interrupted_writes_are_removed_and_complete_checkpoints_kept()
    {
        var (run, step) = FakeRun();
        using (run)
        {
            run.Write("checkpoints/.step-00000009.0123abcd.partial/trunk.safetensors", [3]);
            run.Write("checkpoints/latest.4567ef.tmp", [4]);
            var store = new PretrainCheckpoint(run.Path);
            Assert.Equal(2, store.RemoveInterruptedWrites());
            Assert.Empty(Directory.EnumerateFileSystemEntries(store.Root, "*.partial"));
            Assert.Empty(Directory.EnumerateFiles(store.Root, "*.tmp"));
            Assert.True(File.Exists(step));
            Assert.Equal(Path.GetDirectoryName(step), store.Latest);
            Assert.Equal(0, store.RemoveInterruptedWrites());
        }
    }
}
