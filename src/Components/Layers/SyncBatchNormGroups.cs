using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Components.Layers;

/// <summary>
/// Turns every batch-norm layer of a model into SyncBatchNorm over a group (VISSL's convert_sync_batchnorm with
/// SYNC_BN_CONFIG.GROUP_SIZE): consecutive ranks ⌊rank / G⌋ share statistics; G = 0 (or ≥ world) is the whole world.
/// </summary>
public static class SyncBatchNormGroups
{
    /// <summary>Collective: the statistics group of this rank for group size <paramref name="groupSize"/> (0 = whole world).</summary>
    public static IProcessGroup Create(IProcessGroup world, int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(groupSize);
        if (groupSize == 0 || groupSize >= world.Size) return world;
        if (world.Size % groupSize != 0)
            throw new ArgumentException($"sync_bn_group_size {groupSize} does not divide the {world.Size} ranks");
        return world.Split(world.Rank / groupSize, world.Rank);
    }

    /// <summary>Sets <paramref name="group"/> on every BatchNorm2d and BatchNorm1d under <paramref name="root"/>; returns their number.</summary>
    public static int Attach(IComponent root, IProcessGroup? group)
    {
        int count = 0;
        Visit(root);
        return count;

        void Visit(IComponent c)
        {
            switch (c)
            {
                case BatchNorm2d bn: bn.SyncGroup = group; count++; break;
                case BatchNorm1d bn: bn.SyncGroup = group; count++; break;
            }
            c.VisitChildren("", (_, child) => Visit(child));
        }
    }
}
