using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components;

/// <summary>
/// A named piece of component state declared by shape and init rule, holding a backend tensor once the graph is
/// materialised. Declared shapes make parameter counting possible without allocating anything.
/// </summary>
public abstract class TensorSlot
{
    private Tensor? _value;

    /// <summary>Declares a slot.</summary>
    protected TensorSlot(long[] shape, Init init, DType dtype)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape)}]", nameof(shape));
        Shape = shape;
        Init = init;
        DType = dtype;
    }

    /// <summary>Declared dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>Fill rule used on materialisation.</summary>
    public Init Init { get; }

    /// <summary>Declared element type.</summary>
    public DType DType { get; }

    /// <summary>Product of the declared shape.</summary>
    public long NumElements
    {
        get
        {
            long n = 1;
            foreach (var d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>True once a tensor is attached.</summary>
    public bool IsMaterialized => _value is not null;

    /// <summary>True for trainable parameters.</summary>
    public abstract bool IsTrainable { get; }

    /// <summary>The tensor; throws when the component was never materialised on a backend.</summary>
    public Tensor Value => _value ?? throw new InvalidOperationException(
        $"{GetType().Name} of shape [{string.Join(", ", Shape)}] is not materialised: call Materialize(backend) on the root component first");

    /// <summary>Attaches a tensor whose shape must equal the declared shape.</summary>
    public void Assign(Tensor value)
    {
        if (!value.Shape.AsSpan().SequenceEqual(Shape))
            throw new ArgumentException(
                $"shape mismatch: declared [{string.Join(", ", Shape)}], got {value.ShapeText}", nameof(value));
        _value = value;
    }

    /// <summary>Detaches and returns the current tensor (for moves and replacement).</summary>
    public Tensor? Release()
    {
        var v = _value;
        _value = null;
        return v;
    }

    /// <summary>Implicit access to the tensor in Forward code.</summary>
    public static implicit operator Tensor(TensorSlot slot) => slot.Value;
}

/// <summary>Trainable state (weights, biases, BN affine terms).</summary>
public sealed class Parameter(long[] shape, Init init, DType dtype = DType.Float32) : TensorSlot(shape, init, dtype)
{
    /// <inheritdoc />
    public override bool IsTrainable => true;
}

/// <summary>Non-trainable state saved with the model (BN running statistics, counters).</summary>
public sealed class StateBuffer(long[] shape, Init init, DType dtype = DType.Float32) : TensorSlot(shape, init, dtype)
{
    /// <inheritdoc />
    public override bool IsTrainable => false;
}
