using System.Security.Cryptography;
using System.Text;

namespace Seer.Toolkit.Distributed;

/// <summary>A start-up check that every rank holds the same named values (resolved configuration, initial weights).</summary>
/// <remarks>
/// Each entry is hashed with its key (SHA-256, first 8 bytes); ranks all-gather the key count and the hashes and compare
/// them with rank 0's. Every rank sees the same gathered data, so on a mismatch every rank throws the same message
/// (naming the differing keys and ranks) and none is left waiting in a later collective.
/// </remarks>
public static class RankAgreement
{
    /// <summary>Collective: throws <see cref="RankMismatchException"/> naming the keys of <paramref name="what"/> that differ from rank 0's.</summary>
    public static void Check(IProcessGroup group, string what, IReadOnlyList<KeyValuePair<string, byte[]>> entries)
    {
        if (group.Size == 1) return;
        Span<int> count = [entries.Count];
        var counts = new int[group.Size];
        group.AllGather<int>(count, counts);
        if (counts.Distinct().Count() > 1)
            throw new RankMismatchException($"{what} differs between ranks: {string.Join(", ", counts.Select((c, r) => $"rank {r} has {c} keys"))}");
        var mine = entries.Select(e => Hash(e.Key, e.Value)).ToArray();
        var all = new long[mine.Length * group.Size];
        group.AllGather<long>(mine, all);
        var differing = new List<string>();
        for (int i = 0; i < mine.Length; i++)
        {
            var ranks = Enumerable.Range(1, group.Size - 1).Where(r => all[r * mine.Length + i] != all[i]).ToList();
            if (ranks.Count > 0) differing.Add($"{entries[i].Key} (rank {string.Join(", ", ranks)})");
        }
        if (differing.Count > 0)
            throw new RankMismatchException($"{what} differs between ranks, against rank 0: {string.Join("; ", differing.Take(20))}" +
                (differing.Count > 20 ? $" and {differing.Count - 20} more" : ""));
    }

    /// <summary>First 8 bytes of SHA-256(key ‖ 0 ‖ value).</summary>
    private static long Hash(string key, byte[] value)
    {
        var k = Encoding.UTF8.GetBytes(key);
        var buffer = new byte[k.Length + 1 + value.Length];
        k.CopyTo(buffer, 0);
        value.CopyTo(buffer, k.Length + 1);
        return BitConverter.ToInt64(SHA256.HashData(buffer), 0);
    }
}

