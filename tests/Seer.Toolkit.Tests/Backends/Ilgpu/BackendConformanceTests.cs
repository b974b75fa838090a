using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// The backend conformance suite: every case runs on the backend under test and on the TorchSharp reference, and the
/// shapes must be equal and the values satisfy |x − r| ≤ 1e-5·|r| + 1e-6 (float32). Gradient cases run on the
/// differentiable form of the backend (itself, or the autodiff decorator around it) against libtorch's autograd, with
/// |x − r| ≤ 1e-4·|r| + 1e-5 (float32 sums of different length and order). A backend joins by deriving a class.
/// Shape errors must surface as <see cref="ArgumentException"/> naming the op, raised before any kernel runs (both
/// backends check with <see cref="Seer.Toolkit.Tensors.ShapeRules"/>).
/// bf16 runs where the backend supports it (<paramref name="bfloat16"/>): the mixed-precision cases must compute in bf16 and
/// stay within bf16 rounding of the float32 reference; a backend without bf16 must refuse it naming the dtype.
/// </summary>
public abstract class BackendConformanceTests(IBackend backend, IBackend? differentiable = null, bool bfloat16 = false)
{
    private const double BFloat16RelativeError = 1e-2;      // ‖x − r‖ / ‖r‖: bf16 keeps 8 significant bits (unit roundoff 2⁻⁹ ≈ 2e-3)
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;
    private const double GradientRelativeTolerance = 1e-4;
    private const double GradientAbsoluteTolerance = 1e-5;
    private readonly IBackend _differentiable = differentiable ?? backend;
    private static readonly Lazy<IBackend> Reference = new(() => new TorchBackend());

    [Theory]
    [MemberData(nameof(ForwardConformanceCases.Names), MemberType = typeof(ForwardConformanceCases))]
    public void Forward_values_match_the_reference(string name)
    {
        var expected = ForwardConformanceCases.Run(name, Reference.Value);
        using var actual = ForwardConformanceCases.Run(name, backend);
        Assert.Equal(expected.Shape, actual.Shape);
        var r = expected.ToFloatArray();
        var x = actual.ToFloatArray();
        Assert.Equal(r.Length, x.Length);
        for (int i = 0; i < r.Length; i++)
        {
            double bound = RelativeTolerance * Math.Abs(r[i]) + AbsoluteTolerance;
            Assert.True(Math.Abs(x[i] - r[i]) <= bound, $"{name}: element {i} is {x[i]:R}, reference {r[i]:R} (bound {bound:R})");
        }
    }

    [Theory]
    [MemberData(nameof(ForwardConformanceCases.ShapeErrorNames), MemberType = typeof(ForwardConformanceCases))]
    public void Incompatible_shapes_are_refused(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ForwardConformanceCases.RunShapeError(name, backend));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [MemberData(nameof(GradientConformanceCases.Names), MemberType = typeof(GradientConformanceCases))]
    public void Gradients_match_the_reference(string name)
    {
        var (expectedLoss, expected) = GradientConformanceCases.Run(name, Reference.Value);
        using var scope = _differentiable.NewScope();
        var (loss, actual) = GradientConformanceCases.Run(name, _differentiable);
        Assert.True(Math.Abs(loss - expectedLoss) <= RelativeTolerance * Math.Abs(expectedLoss) + AbsoluteTolerance,
            $"{name}: loss {loss:R}, reference {expectedLoss:R}");
        Assert.Equal(expected.Length, actual.Length);
        for (int leaf = 0; leaf < expected.Length; leaf++)
        {
            var (r, x) = (expected[leaf], actual[leaf]);
            Assert.True(r.Length > 0, $"{name}: the reference has no gradient for leaf {leaf}");
            Assert.Equal(r.Length, x.Length);
            for (int i = 0; i < r.Length; i++)
            {
                double bound = GradientRelativeTolerance * Math.Abs(r[i]) + GradientAbsoluteTolerance;
                Assert.True(Math.Abs(x[i] - r[i]) <= bound, $"{name}: ∂L/∂leaf{leaf}[{i}] is {x[i]:R}, reference {r[i]:R} (bound {bound:R})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(BFloat16ConformanceCases.Names), MemberType = typeof(BFloat16ConformanceCases))]
    public void BFloat16_autocast_stays_within_bf16_rounding_of_the_float32_reference(string name)
    {
        if (!bfloat16)
        {
            var refused = Assert.Throws<NotSupportedException>(() => backend.Autocast(DType.BFloat16));
            Assert.Contains(nameof(DType.BFloat16), refused.Message);
            return;
        }
        var r = BFloat16ConformanceCases.Run(name, Reference.Value).ToFloatArray();
        Tensor actual;
        using (backend.Autocast(DType.BFloat16))
            actual = BFloat16ConformanceCases.Run(name, backend);
        var x = actual.ToFloatArray();
        Assert.Equal(r.Length, x.Length);
        double diff = 0, norm = 0;
        for (int i = 0; i < r.Length; i++)
        {
            diff += (x[i] - (double)r[i]) * (x[i] - (double)r[i]);
            norm += (double)r[i] * r[i];
        }
        double relative = Math.Sqrt(diff / norm);
        Assert.True(relative <= BFloat16RelativeError, $"{name}: ‖x − r‖/‖r‖ = {relative:E3} in bf16 (bound {BFloat16RelativeError})");
        Assert.True(relative > 0, $"{name}: bf16 result equals the float32 reference bit for bit: the region did not compute in bf16");
    }
}
