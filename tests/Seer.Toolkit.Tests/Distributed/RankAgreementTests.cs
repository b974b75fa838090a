using System.Text;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>The start-up check that ranks hold the same named values: agreement passes, a difference names keys and ranks on every rank.</summary>
public class RankAgreementTests
{
    private static KeyValuePair<string, byte[]> Entry(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    [Fact]
    public void Equal_entries_pass_on_every_rank()
    {
        var ok = InProcessGroup.Run(3, g =>
        {
            RankAgreement.Check(g, "the model", [Entry("a", "1"), Entry("b", "2")]);
            return true;
        });
        Assert.All(ok, Assert.True);
    }

    [Fact]
    public void A_differing_value_is_named_with_its_ranks_on_every_rank()
    {
        var messages = InProcessGroup.Run(3, g =>
        {
            var b = g.Rank == 0 ? "2" : "3";                                     // ranks 1 and 2 differ from rank 0
            var c = g.Rank == 2 ? "x" : "y";
            var e = Assert.Throws<RankMismatchException>(() => RankAgreement.Check(g, "the model", [Entry("a", "1"), Entry("b", b), Entry("c", c)]));
            return e.Message;
        });
        Assert.All(messages, m => Assert.Equal("the model differs between ranks, against rank 0: b (rank 1, 2); c (rank 2)", m));
    }

    [Fact]
    public void Different_key_counts_are_reported_per_rank()
    {
        var messages = InProcessGroup.Run(2, g =>
            Assert.Throws<RankMismatchException>(() => RankAgreement.Check(g, "the configuration",
                g.Rank == 0 ? [Entry("a", "1")] : [Entry("a", "1"), Entry("extra", "2")])).Message);
        Assert.All(messages, m => Assert.Contains("rank 0 has 1 keys, rank 1 has 2 keys", m));
    }

    [Fact]
    public void A_renamed_key_with_the_same_value_differs()
    {
        var messages = InProcessGroup.Run(2, g =>
            Assert.Throws<RankMismatchException>(() => RankAgreement.Check(g, "the model", [Entry(g.Rank == 0 ? "w" : "v", "1")])).Message);
        Assert.All(messages, m => Assert.Contains("(rank 1)", m));
    }
}
