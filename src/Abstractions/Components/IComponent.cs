namespace Seer.Toolkit.Components;

/// <summary>
/// A node of the model graph. Implemented by generated code for every <see cref="ComponentAttribute"/> class:
/// state is reached through the visit methods with stable dotted names; nothing is discovered by reflection.
/// </summary>
public interface IComponent
{
    /// <summary>The registered type name of the component.</summary>
    string ComponentType { get; }

    /// <summary>True in training mode (batch statistics in BN), false in evaluation mode.</summary>
    bool IsTraining { get; }

    /// <summary>Sets training mode on this component and every descendant.</summary>
    void SetTraining(bool training);

    /// <summary>Calls <paramref name="visitor"/> for every parameter of the subtree with its dotted name.</summary>
    void VisitParameters(string prefix, Action<string, Parameter> visitor);

    /// <summary>Calls <paramref name="visitor"/> for every buffer of the subtree with its dotted name.</summary>
    void VisitBuffers(string prefix, Action<string, StateBuffer> visitor);

    /// <summary>Calls <paramref name="visitor"/> for each direct child with its dotted name.</summary>
    void VisitChildren(string prefix, Action<string, IComponent> visitor);

    /// <summary>Number of trainable scalars in the subtree, from declared shapes (no allocation).</summary>
    long CountParameters();
}
