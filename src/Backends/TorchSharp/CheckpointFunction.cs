using static TorchSharp.torch;
using static TorchSharp.torch.autograd;
using TT = TorchSharp.torch.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>
/// The autograd node of one checkpointed segment (TorchSharp's custom-function API; torch.utils.checkpoint's reentrant
/// variant): forward runs the segment under no-grad and saves only its input; backward recomputes it with grad enabled
/// and backpropagates through the recomputation. Arguments: the input, an optional grad anchor, the <see cref="CheckpointedSegment"/>.
/// </summary>
internal sealed class CheckpointFunction : SingleTensorFunction<CheckpointFunction>
{
    private const string SegmentKey = "segment";

    /// <inheritdoc />
    public override string Name => "SeerCheckpoint";

    /// <inheritdoc />
    public override TT forward(AutogradContext ctx, params object[] vars)
    {
        var input = (TT)vars[0];
        var segment = (CheckpointedSegment)vars[^1];
        ctx.save_for_backward([input]);
        ctx.save_data(SegmentKey, segment);
        return segment.Forward(input);
    }

    /// <inheritdoc />
    public override List<TT> backward(AutogradContext ctx, TT grad_output)
    {
        var segment = (CheckpointedSegment)ctx.get_data(SegmentKey);
        var saved = ctx.get_saved_variables();
        var inputGrad = segment.Backward(saved[0], grad_output);
        foreach (var t in saved) t.Dispose();
        grad_output.Dispose();
        // one gradient per argument: the input's, then none for the anchor (if any) and the segment object;
        // TorchSharp drops trailing nulls beyond the argument count
        return [inputGrad!, null!, null!];
    }
}
