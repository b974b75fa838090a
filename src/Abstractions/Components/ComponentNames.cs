namespace Seer.Toolkit.Components;

/// <summary>Dotted state names: "trunk_output.block1.block1-0.f.a.0.weight".</summary>
public static class ComponentNames
{
    /// <summary>prefix + "." + name, or name alone at the root.</summary>
    public static string Join(string prefix, string name) =>
        prefix.Length == 0 ? name : name.Length == 0 ? prefix : prefix + "." + name;
}
