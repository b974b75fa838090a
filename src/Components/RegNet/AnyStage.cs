using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.RegNet;

/// <summary>A stage of <paramref name="depth"/> blocks named "block{stage}-{j}"; only the first block strides.</summary>
[Component]
public sealed partial class AnyStage(int stageIndex, int widthIn, int widthOut, int stride, int depth, int groupWidth, double bottleneckMultiplier, double seRatio)
{
    [Child(Inline = true)] private readonly ComponentList<ResBottleneckBlock> blocks = new(
        Enumerable.Range(0, depth).Select(j => ($"block{stageIndex}-{j}",
            new ResBottleneckBlock(j == 0 ? widthIn : widthOut, widthOut, j == 0 ? stride : 1, groupWidth, bottleneckMultiplier, seRatio))));

    /// <summary>[N, w_in, H, W] → [N, w_out, H/s, W/s].</summary>
    public Tensor Forward(Tensor x)
    {
        foreach (var block in blocks) x = block.Forward(x);
        return x;
    }
}
