namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// Shape of a grouped 2-D convolution: x [N, C, H, W], w [O, C/G, KH, KW], y [N, O, OH, OW] with
/// OH = ⌊(H + 2p − d(KH − 1) − 1)/s⌋ + 1 (same for OW).
/// </summary>
public readonly record struct ConvGeometry(
    int N, int C, int H, int W, int O, int OH, int OW, int KH, int KW, int Stride, int Padding, int Dilation, int Groups)
{
    /// <summary>Input channels per group, C/G.</summary>
    public int GroupIn => C / Groups;

    /// <summary>Output channels per group, O/G.</summary>
    public int GroupOut => O / Groups;
}
