using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Convolution, pooling, normalisation and dense layers over NCHW tensors.</summary>
public interface INeuralOps
{
    /// <summary>2-D cross-correlation: y[n,o] = b[o] + Σ_{c∈group(o)} w[o,c] ⋆ x[n,c].</summary>
    Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, int groups = 1);

    /// <summary>Mean over H and W: [N,C,H,W] → [N,C,1,1].</summary>
    Tensor GlobalAveragePool2d(Tensor input);

    /// <summary>
    /// Adaptive average pooling to an outH×outW grid: cell (i, j) averages rows ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉ − 1 and the
    /// same for columns, as PyTorch's adaptive_avg_pool2d. [N,C,H,W] → [N,C,outH,outW].
    /// </summary>
    Tensor AdaptiveAveragePool2d(Tensor input, int outputHeight, int outputWidth);

    /// <summary>Max pooling with a square window.</summary>
    Tensor MaxPool2d(Tensor input, int kernel, int stride, int padding = 0);

    /// <summary>
    /// Batch norm: y = γ (x − μ) / √(σ² + ε) + β. In training μ, σ² are batch statistics and the running
    /// buffers are updated as r ← (1 − momentum) r + momentum · stat (unbiased variance), as in PyTorch.
    /// </summary>
    Tensor BatchNorm(Tensor input, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps);

    /// <summary>y = x Wᵀ + b.</summary>
    Tensor Linear(Tensor input, Tensor weight, Tensor? bias);

    /// <summary>Mean cross-entropy of logits [N,K] against int64 class targets [N].</summary>
    Tensor CrossEntropy(Tensor logits, Tensor targets);

    /// <summary>Physical layout change (values and shape unchanged).</summary>
    Tensor ToMemoryFormat(Tensor input, MemoryFormat format);
}
