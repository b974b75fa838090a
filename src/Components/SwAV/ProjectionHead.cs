using System.Globalization;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// SwAV projection MLP over <paramref name="dims"/> (d₀ → d₁ → … → d_L): Linear [→ BN] → ReLU between layers, the last
/// Linear bare (VISSL skip_last_bn). State names follow VISSL's nn.Sequential positions ("0", "1", "3", ...).
/// </summary>
[Component("projection_head")]
public sealed partial class ProjectionHead(int[] dims, bool batchNorm = false, bool bias = true)
{
    [Child(Inline = true)] private readonly ComponentList<HeadLinear> linears = new(
        Enumerable.Range(0, Layers(dims)).Select(i => (Position(i, batchNorm, 0), new HeadLinear(dims[i], dims[i + 1], bias))));

    [Child(Inline = true)] private readonly ComponentList<BatchNorm1d> norms = new(
        Enumerable.Range(0, batchNorm ? Layers(dims) - 1 : 0).Select(i => (Position(i, batchNorm, 1), new BatchNorm1d(dims[i + 1]))));

    /// <summary>Output width d_L.</summary>
    public int OutputDim => dims[^1];

    /// <summary>[N, d₀] → [N, d_L].</summary>
    public Tensor Forward(Tensor x)
    {
        for (int i = 0; i < linears.Count; i++)
        {
            x = linears[i].Forward(x);                         // [N, d_{i+1}]
            if (i == linears.Count - 1) break;
            if (batchNorm) x = norms[i].Forward(x);
            x = x.Relu();
        }
        return x;
    }

    /// <summary>Number of linear layers (L), at least one.</summary>
    private static int Layers(int[] dims) => dims.Length >= 2
        ? dims.Length - 1
        : throw new ArgumentException($"a projection head needs at least two dims, got [{string.Join(", ", dims)}]", nameof(dims));

    /// <summary>Index in VISSL's nn.Sequential: each hidden layer is Linear, [BN,] ReLU.</summary>
    private static string Position(int layer, bool batchNorm, int offset) =>
        (layer * (batchNorm ? 3 : 2) + offset).ToString(CultureInfo.InvariantCulture);
}
