namespace Seer.Toolkit.Components;

/// <summary>
/// An ordered, named list of child components (a stage's blocks, a head's layers). Each item keeps the name it was
/// given, so checkpoints use names such as "block1-0" rather than positions.
/// </summary>
public sealed class ComponentList<T> : IComponent, IReadOnlyList<T> where T : IComponent
{
    private readonly List<(string Name, T Item)> _items;
    private bool _training = true;

    /// <summary>Builds the list; names must be unique.</summary>
    public ComponentList(IEnumerable<(string Name, T Item)> items)
    {
        _items = [.. items];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in _items)
            if (!seen.Add(name)) throw new ArgumentException($"duplicate component name '{name}' in list", nameof(items));
    }

    /// <summary>Builds a list named "0", "1", ... like a sequential container.</summary>
    public static ComponentList<T> Indexed(IEnumerable<T> items) => new(items.Select((x, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), x)));

    /// <inheritdoc />
    public string ComponentType => "ComponentList";

    /// <inheritdoc />
    public bool IsTraining => _training;

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public T this[int index] => _items[index].Item;

    /// <summary>Item names in order.</summary>
    public IEnumerable<string> Names => _items.Select(x => x.Name);

    /// <inheritdoc />
    public void SetTraining(bool training)
    {
        _training = training;
        foreach (var (_, item) in _items) item.SetTraining(training);
    }

    /// <inheritdoc />
    public void VisitParameters(string prefix, Action<string, Parameter> visitor)
    {
        foreach (var (name, item) in _items) item.VisitParameters(ComponentNames.Join(prefix, name), visitor);
    }

    /// <inheritdoc />
    public void VisitBuffers(string prefix, Action<string, StateBuffer> visitor)
    {
        foreach (var (name, item) in _items) item.VisitBuffers(ComponentNames.Join(prefix, name), visitor);
    }

    /// <inheritdoc />
    public void VisitChildren(string prefix, Action<string, IComponent> visitor)
    {
        foreach (var (name, item) in _items) visitor(ComponentNames.Join(prefix, name), item);
    }

    /// <inheritdoc />
    public long CountParameters()
    {
        long n = 0;
        foreach (var (_, item) in _items) n += item.CountParameters();
        return n;
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.Select(x => x.Item).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
