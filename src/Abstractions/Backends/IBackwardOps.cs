using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>
/// Primitive backward kernels that a tape-recording decorator needs beyond the forward op families (the gradients that
/// cannot be composed from forward ops). A backend without its own autograd implements these to be differentiated.
/// </summary>
public interface IBackwardOps
{
    /// <summary>∂L/∂x of y = conv2d(x, w): the transposed convolution of ∂L/∂y [N, O, OH, OW] with w → x's shape [N, C, H, W].</summary>
    Tensor Conv2dBackwardInput(Tensor gradOutput, Tensor weight, ReadOnlySpan<long> inputShape, int stride, int padding, int dilation, int groups);

    /// <summary>∂L/∂w[o,c,u,v] = Σ_{n,i,j} ∂L/∂y[n,o,i,j] · x[n, g(o)·C/G + c, i·s − p + u·d, j·s − p + v·d] → w's shape.</summary>
    Tensor Conv2dBackwardWeight(Tensor input, Tensor gradOutput, ReadOnlySpan<long> weightShape, int stride, int padding, int dilation, int groups);

    /// <summary>∂L/∂x of adaptive average pooling: each cell's gradient spread evenly over the input pixels it covers.</summary>
    Tensor AdaptiveAveragePool2dBackward(Tensor gradOutput, ReadOnlySpan<long> inputShape);

    /// <summary>
    /// ∂L/∂x of y = max_pool2d(x, k, s, p): each ∂L/∂y[n,c,i,j] added to the input pixel that was its window's maximum
    /// (the first maximum in row-major scan order, NaN winning, as libtorch) → x's shape.
    /// </summary>
    Tensor MaxPool2dBackward(Tensor gradOutput, Tensor input, int kernel, int stride, int padding);

    /// <summary>g · [x &gt; 0].</summary>
    Tensor ReluBackward(Tensor gradOutput, Tensor input);

    /// <summary>sign x ∈ {−1, 0, 1}.</summary>
    Tensor Sign(Tensor a);
}
