using Seer.Toolkit.Backends.Mpi;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Chooses and opens the process group: MPI when the launcher started several ranks (or when asked), else one rank.</summary>
public static class Transport
{
    /// <summary>The accepted <c>--transport</c> values.</summary>
    public static readonly string[] Names = ["auto", "mpi", "single"];

    /// <summary>Opens the world group for <paramref name="name"/> and checks that MPI agrees with the launcher's variables.</summary>
    public static IProcessGroup Open(string name, RankEnvironment environment) => name switch
    {
        "auto" => environment.WorldSize > 1 ? OpenMpi(environment) : new SingleProcessGroup(),
        "mpi" => OpenMpi(environment),
        "single" when environment.WorldSize > 1 =>
            throw new ArgumentException($"--transport single runs one rank, but the launcher started {environment.WorldSize} ({environment.Launcher})"),
        "single" => new SingleProcessGroup(),
        _ => throw new ArgumentException($"unknown transport '{name}' (expected {string.Join(", ", Names)})"),
    };

    private static IProcessGroup OpenMpi(RankEnvironment environment)
    {
        var world = MpiRuntime.Initialize();
        if (environment.Launcher != "none" && (world.Size != environment.WorldSize || world.Rank != environment.Rank))
        {
            var seen = $"MPI sees rank {world.Rank} of {world.Size}";
            world.Dispose();
            throw new InvalidOperationException(
                $"the {environment.Launcher} environment says rank {environment.Rank} of {environment.WorldSize}, but {seen}; " +
                "start the workers with mpirun, or with srun --mpi=pmix");
        }
        return world;
    }
}
