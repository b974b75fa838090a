using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Vector-Jacobian product of one op: (∂L/∂y, which inputs need a gradient) → ∂L/∂x_i (inner tensors; null where not needed).</summary>
internal delegate Tensor?[] BackwardRule(Tensor gradOutput, bool[] needs);

/// <summary>One recorded op: its name, the inputs gradients flow into (null where none does) and its backward rule.</summary>
internal sealed class TapeNode(string op, AutodiffTensor?[] inputs, BackwardRule rule)
{
    /// <summary>The op's name, for error messages.</summary>
    public string Op { get; } = op;

    /// <summary>Inputs in the op's argument order; null where no gradient is needed.</summary>
    public AutodiffTensor?[] Inputs { get; } = inputs;

    /// <summary>The backward rule, dropped (with everything it saved) once a backward pass has used it.</summary>
    public BackwardRule? Rule { get; set; } = rule;
}
