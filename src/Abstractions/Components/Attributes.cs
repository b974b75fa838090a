namespace Seer.Toolkit.Components;

/// <summary>
/// Marks a <c>partial</c> class as a model component. Hyperparameters are the primary-constructor parameters; the
/// source generator emits registration, naming, train/eval propagation, state enumeration, an options class,
/// a <c>Create(options)</c> factory and an <c>Add{Name}</c> DI registration. Only <c>Forward</c> is hand-written.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ComponentAttribute : Attribute
{
    /// <summary>Uses the class name as the registered type name.</summary>
    public ComponentAttribute() { }

    /// <summary>Registers under an explicit type name.</summary>
    public ComponentAttribute(string name) => Name = name;

    /// <summary>Registered type name (defaults to the class name).</summary>
    public string? Name { get; }
}

/// <summary>A child component field or property; its state is named "{prefix}.{name}".</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class ChildAttribute : Attribute
{
    /// <summary>Named after the member (leading underscores dropped).</summary>
    public ChildAttribute() { }

    /// <summary>Explicit state name (e.g. "0" for sequential positions).</summary>
    public ChildAttribute(string name) => Name = name;

    /// <summary>State name, or null for the member name.</summary>
    public string? Name { get; }

    /// <summary>When true the child's state is named directly under the parent's prefix.</summary>
    public bool Inline { get; set; }
}

/// <summary>A trainable <see cref="Parameter"/> field or property.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>Named after the member.</summary>
    public ParameterAttribute() { }

    /// <summary>Explicit state name.</summary>
    public ParameterAttribute(string name) => Name = name;

    /// <summary>State name, or null for the member name.</summary>
    public string? Name { get; }
}

/// <summary>A non-trainable <see cref="StateBuffer"/> field or property.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class BufferAttribute : Attribute
{
    /// <summary>Named after the member.</summary>
    public BufferAttribute() { }

    /// <summary>Explicit state name.</summary>
    public BufferAttribute(string name) => Name = name;

    /// <summary>State name, or null for the member name.</summary>
    public string? Name { get; }
}
