using System.Globalization;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>This process's place in a job as the launcher announced it.</summary>
/// <remarks>
/// OpenMPI's <c>OMPI_COMM_WORLD_*</c> variables first,
/// then SLURM's <c>SLURM_PROCID</c>/<c>SLURM_NTASKS</c>/<c>SLURM_LOCALID</c>; neither means one rank alone.
/// </remarks>
/// <param name="Rank">Index of this process in the job.</param>
/// <param name="WorldSize">Number of processes in the job.</param>
/// <param name="LocalRank">Index of this process on its machine (picks its device).</param>
/// <param name="Launcher">"openmpi", "slurm" or "none".</param>
public sealed record RankEnvironment(int Rank, int WorldSize, int LocalRank, string Launcher)
{
    /// <summary>One process started without a launcher.</summary>
    public static RankEnvironment Alone { get; } = new(0, 1, 0, "none");

    /// <summary>Reads the variables of the current process.</summary>
    public static RankEnvironment FromProcess() => Parse(Environment.GetEnvironmentVariable);

    /// <summary>Parses the launcher variables returned by <paramref name="variable"/>; malformed values throw <see cref="FormatException"/> naming them.</summary>
    public static RankEnvironment Parse(Func<string, string?> variable)
    {
        if (variable("OMPI_COMM_WORLD_RANK") is not null || variable("OMPI_COMM_WORLD_SIZE") is not null)
            return From(variable, "openmpi", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_LOCAL_RANK");
        if (variable("SLURM_PROCID") is not null || variable("SLURM_NTASKS") is not null)
            return From(variable, "slurm", "SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID");
        return Alone;
    }

    private static RankEnvironment From(Func<string, string?> variable, string launcher, string rankName, string sizeName, string localName)
    {
        int size = Required(variable, sizeName, rankName);
        int rank = Required(variable, rankName, sizeName);
        if (size < 1) throw new FormatException($"{sizeName}={size}: the world size must be at least 1");
        if (rank < 0 || rank >= size) throw new FormatException($"{rankName}={rank} is outside 0..{size - 1} ({sizeName}={size})");
        int local = variable(localName) is { } text ? Number(localName, text) : 0;
        if (local < 0 || local >= size) throw new FormatException($"{localName}={local} is outside 0..{size - 1} ({sizeName}={size})");
        return new RankEnvironment(rank, size, local, launcher);
    }

    private static int Required(Func<string, string?> variable, string name, string partner) =>
        variable(name) is { } text
            ? Number(name, text)
            : throw new FormatException($"{partner} is set but {name} is not: the launcher environment is incomplete");

    private static int Number(string name, string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name}='{text}' is not a non-negative integer");
}
