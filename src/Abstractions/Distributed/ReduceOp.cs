namespace Seer.Toolkit.Distributed;

/// <summary>Element-wise combination applied by <see cref="IProcessGroup.AllReduce{T}"/>.</summary>
public enum ReduceOp
{
    /// <summary>Sum over ranks.</summary>
    Sum,

    /// <summary>Maximum over ranks.</summary>
    Max,
}
