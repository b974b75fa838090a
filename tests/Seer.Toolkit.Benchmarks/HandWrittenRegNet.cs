using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.RegNet.Design;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// The baseline: the same RegNetY forward written directly against TorchSharp's functional API, reading the same
/// parameter tensors by name. Measures what the component layer costs on top of libtorch.
/// </summary>
internal sealed class HandWrittenRegNet(RegNetSpec spec, IComponent model)
{
    private readonly Dictionary<string, torch.Tensor> _p =
        model.StateSlots().ToDictionary(kv => kv.Key, kv => TorchBackend.N(kv.Value.Value));

    private torch.Tensor ConvBn(torch.Tensor x, string prefix, long stride, long groups, bool relu)
    {
        var w = _p[prefix + ".0.weight"];
        long pad = (w.shape[2] - 1) / 2;
        if (stride > 1 && w.shape[2] == 1)                  // same subsampling rule as the backend (libtorch workaround)
        {
            x = x[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, stride), TensorIndex.Slice(null, null, stride)];
            stride = 1;
        }
        var y = F.conv2d(x, w, null, [stride, stride], [pad, pad], [1, 1], groups);
        y = F.batch_norm(y, _p[prefix + ".1.running_mean"], _p[prefix + ".1.running_var"], _p[prefix + ".1.weight"], _p[prefix + ".1.bias"], true, 0.1, 1e-5);
        return relu ? F.relu(y) : y;
    }

    public torch.Tensor Forward(torch.Tensor x)
    {
        x = ConvBn(x, "stem", 2, 1, true);
        for (int s = 0; s < spec.Stages.Count; s++)
        {
            var st = spec.Stages[s];
            for (int j = 0; j < st.Depth; j++)
            {
                string b = $"trunk_output.block{s + 1}.block{s + 1}-{j}";
                long stride = j == 0 ? 2 : 1;
                int wb = RegNetDesignSpace.BottleneckWidth(st.Width, st.BottleneckMultiplier);
                var shortcut = _p.ContainsKey(b + ".proj.0.weight") ? ConvBn(x, b + ".proj", stride, 1, false) : x;
                var y = ConvBn(x, b + ".f.a", 1, 1, true);
                y = ConvBn(y, b + ".f.b", stride, wb / st.GroupWidth, true);
                if (_p.ContainsKey(b + ".f.se.fc1.weight"))
                {
                    var z = y.mean([2L, 3L], keepdim: true);
                    z = F.relu(F.conv2d(z, _p[b + ".f.se.fc1.weight"], _p[b + ".f.se.fc1.bias"]));
                    y = y * F.conv2d(z, _p[b + ".f.se.fc2.weight"], _p[b + ".f.se.fc2.bias"]).sigmoid();
                }
                y = ConvBn(y, b + ".f.c", 1, 1, false);
                x = F.relu(shortcut + y);
            }
        }
        var pooled = x.mean([2L, 3L]);
        return _p.ContainsKey("fc.weight") ? F.linear(pooled, _p["fc.weight"], _p["fc.bias"]) : pooled;
    }
}
