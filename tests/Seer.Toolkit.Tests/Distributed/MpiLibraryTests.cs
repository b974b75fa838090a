using Seer.Toolkit.Backends.Mpi;

namespace Seer.Toolkit.Tests.Distributed;

public class MpiLibraryTests
{
    [Fact]
    public void AMissingLibraryNamesThePackagesToInstall()
    {
        var error = Assert.Throws<DllNotFoundException>(() => MpiLibrary.Open(["libmpi-absent.so.40"]));
        Assert.Contains("install openmpi-bin libopenmpi-dev", error.Message);
        Assert.Contains("libmpi-absent.so.40", error.Message);
    }

    [Fact]
    public void OpenMpiResolvesEveryFunctionAndHandle()
    {
        WorkerLauncher.MpiRun();                                   // OpenMPI present, or fail naming the set-up script
        var mpi = new MpiLibrary(MpiLibrary.Open(MpiLibrary.Names));
        Assert.All(new[] { mpi.CommWorld, mpi.OpSum, mpi.OpMax, mpi.Float, mpi.Double, mpi.Int, mpi.Int64, mpi.UInt8 },
            handle => Assert.True(handle > 1, "a predefined handle is the address of its global"));
        Assert.Equal(8, new[] { mpi.CommWorld, mpi.OpSum, mpi.OpMax, mpi.Float, mpi.Double, mpi.Int, mpi.Int64, mpi.UInt8 }.Distinct().Count());
    }
}
