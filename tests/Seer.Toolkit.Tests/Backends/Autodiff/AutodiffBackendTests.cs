using Seer.Toolkit.Backends.Autodiff;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Tests.Backends.Ilgpu;

namespace Seer.Toolkit.Tests.Backends.Autodiff;

/// <summary>Tape semantics of the autodiff decorator (on the ILGPU CPU backend): accumulation, zeroing, no-grad, detach, reuse.</summary>
public sealed class AutodiffBackendTests(IlgpuCpuBackendFixture fixture) : IClassFixture<IlgpuCpuBackendFixture>
{
    private readonly AutodiffBackend _b = fixture.Differentiable;

    private Tensor Leaf(params float[] values)
    {
        var t = _b.FromArray(values, [values.Length]);
        _b.SetRequiresGrad(t, true);
        return t;
    }

    [Fact]
    public void Gradients_accumulate_over_backward_calls_until_zeroed()
    {
        var w = Leaf(1, 2);
        _b.Backward(_b.Sum(_b.MulScalar(w, 3)));                              // ∂/∂w = 3
        _b.Backward(_b.Sum(_b.Mul(w, w)));                                    // + 2w
        Assert.Equal([5f, 7f], _b.Grad(w)!.ToFloatArray());
        _b.ZeroGrad(w);
        Assert.Equal([0f, 0f], _b.Grad(w)!.ToFloatArray());
    }

    [Fact]
    public void A_tensor_used_twice_receives_both_contributions()
    {
        var x = Leaf(2, -1);
        var y = _b.Exp(x);
        _b.Backward(_b.Sum(_b.Add(_b.Mul(y, x), y)));                         // ∂/∂x (x eˣ + eˣ) = (x + 2) eˣ
        var g = _b.Grad(x)!.ToFloatArray();
        Assert.Equal(4 * Math.Exp(2), g[0], 4);
        Assert.Equal(Math.Exp(-1), g[1], 5);
    }

    [Fact]
    public void No_grad_regions_and_detached_tensors_record_nothing()
    {
        var w = Leaf(1, 2);
        Tensor inside;
        using (_b.NoGrad()) inside = _b.Mul(w, w);
        Assert.False(_b.RequiresGrad(inside));
        var detached = _b.Detach(_b.Mul(w, w));
        Assert.False(_b.RequiresGrad(detached));
        var loss = _b.Sum(_b.Add(_b.Mul(detached, w), inside));              // only w·stop(w²) reaches w
        _b.Backward(loss);
        Assert.Equal([1f, 4f], _b.Grad(w)!.ToFloatArray());
        Assert.Throws<InvalidOperationException>(() => _b.Backward(_b.Sum(inside)));
    }

    [Fact]
    public void A_graph_is_released_by_its_backward_pass()
    {
        var w = Leaf(1, 2);
        var loss = _b.Sum(_b.Mul(w, w));
        _b.Backward(loss);
        var error = Assert.Throws<InvalidOperationException>(() => _b.Backward(loss));
        Assert.Contains("already used", error.Message);
    }

    [Fact]
    public void Custom_functions_use_their_hand_written_derivative()
    {
        var x = Leaf(1, -3);
        var y = _b.CustomFunction(x, t => _b.MulScalar(t, 2), g => _b.MulScalar(g, 10));   // deliberately not 2
        _b.Backward(_b.Sum(y));
        Assert.Equal([10f, 10f], _b.Grad(x)!.ToFloatArray());
        Assert.Equal([2f, -6f], y.ToFloatArray());
    }

    [Fact]
    public void A_gradient_that_needs_backward_kernels_fails_naming_the_op_when_the_inner_backend_has_none()
    {
        // libtorch's backend has its own autograd and no IBackwardOps: decorating it works for composed rules only
        var b = new AutodiffBackend(new Seer.Toolkit.Backends.TorchSharp.TorchBackend());
        var x = b.FromArray([1f, 5f, 2f, 0f], [1, 1, 2, 2]);
        b.SetRequiresGrad(x, true);
        b.Backward(b.Sum(b.Mul(x, x)));                                       // composed: fine
        Assert.Equal([2f, 10f, 4f, 0f], b.Grad(x)!.ToFloatArray());
        var pooled = b.MaxPool2d(x, 2, 1);
        var error = Assert.Throws<NotSupportedException>(() => b.Backward(b.Sum(pooled)));
        Assert.Contains("MaxPool2d", error.Message);
        Assert.Contains("IBackwardOps", error.Message);
    }

    [Fact]
    public void Tensors_of_the_inner_backend_are_refused()
    {
        using var raw = fixture.Backend.Zeros([2]);
        var w = Leaf(1, 2);
        Assert.Throws<ArgumentException>(() => _b.Add(w, raw));
    }
}
