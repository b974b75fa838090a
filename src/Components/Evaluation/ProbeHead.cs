using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>The classifier put on a trunk's pooled features: y = W·BN(x) + b with optional BN (VISSL eval_mlp), W ~ N(0, 0.01²), b = 0.</summary>
[Component]
public sealed partial class ProbeHead(int features, int classes, bool batchNorm = false)
{
    [Child("bn")] private readonly BatchNorm2d? _bn = batchNorm ? new(features) : null;
    [Child("fc")] private readonly Linear _fc = new(features, classes);

    /// <summary>[N, D] → logits [N, classes].</summary>
    public Tensor Forward(Tensor x)
    {
        if (_bn is not null) x = _bn.Forward(x.Backend.Reshape(x, [x.Shape[0], x.Shape[1], 1, 1])).Flatten(1);
        return _fc.Forward(x);
    }
}
