using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>
/// Autocast-like mixed precision (Micikevicius et al. 2018; PyTorch autocast): a cast policy the backend applies op by
/// op while a region is open. Master weights stay in their own dtype (float32); gradients reach them through the casts.
/// </summary>
/// <remarks>
/// Under a half compute dtype: <c>Conv2d</c>, <c>Linear</c> and <c>MatMul</c> cast float32 inputs, weights and biases to it
/// and run in it; <c>BatchNorm</c> keeps its statistics, running buffers and affine parameters in float32 (half activations
/// in and out); <c>Sum</c>, <c>Mean</c>, <c>GlobalAveragePool2d</c>, <c>Softmax</c>, <c>LogSoftmax</c>, <c>L2Normalize</c>,
/// <c>Exp</c>, <c>Log</c>, <c>Pow</c>, <c>Sqrt</c> and <c>CrossEntropy</c> promote half inputs to float32 and return float32.
/// Every other op runs in its inputs' dtype (with the usual type promotion). The policy belongs to the backend instance
/// and the thread that drives it (one training loop per backend), like PyTorch's thread-local autocast state.
/// </remarks>
public interface IPrecisionOps
{
    /// <summary>The dtype convolutions and matrix products compute in, or null when no policy is active.</summary>
    DType? ComputeDType { get; }

    /// <summary>
    /// Opens a mixed-precision region until disposed (regions nest; disposal restores the enclosing policy).
    /// <see cref="DType.BFloat16"/> or <see cref="DType.Float16"/> enable the policy; <see cref="DType.Float32"/> switches it
    /// off inside the region (autocast(enabled=False)).
    /// </summary>
    IDisposable Autocast(DType dtype);
}
