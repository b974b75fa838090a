using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// The backend conformance suite: every case runs on the backend under test and on the TorchSharp reference, and the
/// shapes must be equal and the values satisfy |x − r| ≤ 1e-5·|r| + 1e-6 (float32). A backend joins by deriving a class.
/// Shape errors must surface as <see cref="ArgumentException"/> naming the op, raised before any kernel runs (both
/// backends check with <see cref="Seer.Toolkit.Tensors.ShapeRules"/>).
/// </summary>
public abstract class BackendConformanceTests(IBackend backend)
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;
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
}
