using Seer.Toolkit.Hosts.Worker;

namespace Seer.Toolkit.Tests.Distributed;

public class RankEnvironmentTests
{
    private static RankEnvironment Parse(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return RankEnvironment.Parse(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void NoLauncherVariablesMeanOneRankAlone()
    {
        Assert.Equal(new RankEnvironment(0, 1, 0, "none"), Parse());
    }

    [Fact]
    public void ReadsOpenMpiVariables()
    {
        var env = Parse(("OMPI_COMM_WORLD_RANK", "5"), ("OMPI_COMM_WORLD_SIZE", "8"), ("OMPI_COMM_WORLD_LOCAL_RANK", "1"));
        Assert.Equal(new RankEnvironment(5, 8, 1, "openmpi"), env);
    }

    [Fact]
    public void ReadsSlurmVariables()
    {
        var env = Parse(("SLURM_PROCID", "3"), ("SLURM_NTASKS", "4"), ("SLURM_LOCALID", "3"));
        Assert.Equal(new RankEnvironment(3, 4, 3, "slurm"), env);
    }

    [Fact]
    public void OpenMpiVariablesWinOverSlurmOnes()
    {
        // mpirun inside a SLURM allocation: the batch step's SLURM_PROCID is 0 for every rank, OMPI's is the real one.
        var env = Parse(("SLURM_PROCID", "0"), ("SLURM_NTASKS", "2"), ("OMPI_COMM_WORLD_RANK", "1"), ("OMPI_COMM_WORLD_SIZE", "2"));
        Assert.Equal(1, env.Rank);
        Assert.Equal("openmpi", env.Launcher);
    }

    [Fact]
    public void MissingLocalRankDefaultsToZero()
    {
        Assert.Equal(0, Parse(("SLURM_PROCID", "2"), ("SLURM_NTASKS", "3")).LocalRank);
    }

    [Theory]
    [InlineData("OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", null, "OMPI_COMM_WORLD_SIZE")]
    [InlineData("SLURM_NTASKS", "4", "SLURM_PROCID", null, "SLURM_PROCID")]
    [InlineData("OMPI_COMM_WORLD_RANK", "2", "OMPI_COMM_WORLD_SIZE", "2", "outside 0..1")]
    [InlineData("OMPI_COMM_WORLD_RANK", "x", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_RANK='x'")]
    [InlineData("SLURM_PROCID", "-1", "SLURM_NTASKS", "2", "SLURM_PROCID='-1'")]
    [InlineData("SLURM_PROCID", "0", "SLURM_NTASKS", "0", "at least 1")]
    public void MalformedVariablesAreErrorsNamingThem(string name1, string value1, string name2, string? value2, string expected)
    {
        var variables = new List<(string, string)> { (name1, value1) };
        if (value2 is not null) variables.Add((name2, value2));
        var error = Assert.Throws<FormatException>(() => Parse(variables.ToArray()));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void LocalRankOutsideTheJobIsAnError()
    {
        var error = Assert.Throws<FormatException>(() =>
            Parse(("OMPI_COMM_WORLD_RANK", "0"), ("OMPI_COMM_WORLD_SIZE", "2"), ("OMPI_COMM_WORLD_LOCAL_RANK", "2")));
        Assert.Contains("OMPI_COMM_WORLD_LOCAL_RANK", error.Message);
    }
}
