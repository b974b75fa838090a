using Seer.Toolkit.Distributed;
using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// Batch norm over features of [N, C] inputs: y = γ(x − μ_batch)/√(σ²_batch + ε) + β (Ioffe &amp; Szegedy 2015), running
/// statistics updated with momentum in training, used in evaluation. PyTorch's BatchNorm1d names and defaults.
/// </summary>
[Component]
public sealed partial class BatchNorm1d(int features, double eps = 1e-5, double momentum = 0.1)
{
    [Parameter] private readonly Parameter weight = new([features], Init.Ones);
    [Parameter] private readonly Parameter bias = new([features], Init.Zeros);
    [Buffer("running_mean")] private readonly StateBuffer runningMean = new([features], Init.Zeros);
    [Buffer("running_var")] private readonly StateBuffer runningVar = new([features], Init.Ones);
    [Buffer("num_batches_tracked")] private readonly StateBuffer numBatchesTracked = new([], Init.Zeros, DType.Int64);

    /// <summary>When set (more than one rank), training mode normalises with the group's statistics (<see cref="SyncBatchNorm"/>).</summary>
    public IProcessGroup? SyncGroup { get; set; }

    /// <summary>[N, C] → [N, C].</summary>
    public Tensor Forward(Tensor x)
    {
        if (x.Rank != 2) throw new ArgumentException($"BatchNorm1d expects [N, {features}], got {x.ShapeText}", nameof(x));
        var backend = x.Backend;
        // a checkpointed segment's recomputation in backward must not update the running statistics a second time
        bool track = !(IsTraining && backend.IsRecomputing);
        if (IsTraining && track) backend.AddScalarInPlace(numBatchesTracked, 1);
        if (IsTraining && SyncGroup is { Size: > 1 } group)
            return SyncBatchNorm.Forward(group, x, weight, bias, track ? runningMean.Value : null, track ? runningVar.Value : null, momentum, eps);
        return backend.BatchNorm(x, weight, bias, track ? runningMean.Value : null, track ? runningVar.Value : null, IsTraining, momentum, eps);
    }
}
