using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Layers;

/// <summary>
/// Batch norm over channels: y = γ(x − μ)/√(σ² + ε) + β (Ioffe &amp; Szegedy 2015). Training mode uses batch statistics
/// and updates the running buffers with momentum; evaluation mode uses the running buffers.
/// </summary>
[Component]
public sealed partial class BatchNorm2d(int channels, double eps = 1e-5, double momentum = 0.1)
{
    [Parameter] private readonly Parameter weight = new([channels], Init.Ones);
    [Parameter] private readonly Parameter bias = new([channels], Init.Zeros);
    [Buffer("running_mean")] private readonly StateBuffer runningMean = new([channels], Init.Zeros);
    [Buffer("running_var")] private readonly StateBuffer runningVar = new([channels], Init.Ones);
    [Buffer("num_batches_tracked")] private readonly StateBuffer numBatchesTracked = new([], Init.Zeros, DType.Int64);

    /// <summary>When set (more than one rank), training mode normalises with the group's statistics (<see cref="SyncBatchNorm"/>).</summary>
    public IProcessGroup? SyncGroup { get; set; }

    /// <summary>[N, C, H, W] → [N, C, H, W].</summary>
    public Tensor Forward(Tensor x)
    {
        var backend = x.Backend;
        // a checkpointed segment's recomputation in backward must not update the running statistics a second time
        bool track = !(IsTraining && backend.IsRecomputing);
        if (IsTraining && track) backend.AddScalarInPlace(numBatchesTracked, 1);
        if (IsTraining && SyncGroup is { Size: > 1 } group)
            return SyncBatchNorm.Forward(group, x, weight, bias, track ? runningMean.Value : null, track ? runningVar.Value : null, momentum, eps);
        return backend.BatchNorm(x, weight, bias, track ? runningMean.Value : null, track ? runningVar.Value : null, IsTraining, momentum, eps);
    }
}
