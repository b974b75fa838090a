using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components;

/// <summary>Whole-graph operations built on the generated visit methods.</summary>
public static class ComponentState
{
    /// <summary>Every parameter with its dotted name, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, Parameter>> NamedParameters(this IComponent component, string prefix = "")
    {
        var list = new List<KeyValuePair<string, Parameter>>();
        component.VisitParameters(prefix, (n, p) => list.Add(new(n, p)));
        return list;
    }

    /// <summary>Every buffer with its dotted name, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, StateBuffer>> NamedBuffers(this IComponent component, string prefix = "")
    {
        var list = new List<KeyValuePair<string, StateBuffer>>();
        component.VisitBuffers(prefix, (n, b) => list.Add(new(n, b)));
        return list;
    }

    /// <summary>Parameters then buffers: the state a checkpoint stores.</summary>
    public static IReadOnlyList<KeyValuePair<string, TensorSlot>> StateSlots(this IComponent component, string prefix = "")
    {
        var list = new List<KeyValuePair<string, TensorSlot>>();
        component.VisitParameters(prefix, (n, p) => list.Add(new(n, p)));
        component.VisitBuffers(prefix, (n, b) => list.Add(new(n, b)));
        return list;
    }

    /// <summary>Every descendant component with its dotted name, depth first (root excluded).</summary>
    public static IReadOnlyList<KeyValuePair<string, IComponent>> Descendants(this IComponent component, string prefix = "")
    {
        var list = new List<KeyValuePair<string, IComponent>>();
        void Walk(string p, IComponent c) => c.VisitChildren(p, (n, child) =>
        {
            list.Add(new(n, child));
            Walk(n, child);
        });
        Walk(prefix, component);
        return list;
    }

    /// <summary>
    /// Allocates every slot on <paramref name="backend"/> with its init rule. Each slot's generator is seeded from
    /// (seed, dotted name), so values do not depend on traversal order or on which other slots exist.
    /// </summary>
    public static T Materialize<T>(this T component, IBackend backend, long seed = 0) where T : IComponent
    {
        foreach (var (name, slot) in component.StateSlots())
        {
            var tensor = backend.Persist(slot.Init.Create(backend, slot.Shape, slot.DType, SlotSeed(seed, name)));
            if (slot.IsTrainable) backend.SetRequiresGrad(tensor, true);
            slot.Release()?.Dispose();
            slot.Assign(tensor);
        }
        return component;
    }

    /// <summary>Moves every materialised slot to a device and, for floating-point slots, a dtype.</summary>
    public static void MoveTo(this IComponent component, Device device, DType? floatingDType = null)
    {
        foreach (var (_, slot) in component.StateSlots())
        {
            if (!slot.IsMaterialized) continue;
            var old = slot.Value;
            var backend = old.Backend;
            using var noGrad = backend.NoGrad();
            var moved = backend.To(old, device);
            if (floatingDType is { } dt && old.DType.IsFloatingPoint()) moved = backend.Cast(moved, dt);
            if (ReferenceEquals(moved, old)) continue;
            moved = backend.Persist(moved);
            if (slot.IsTrainable) backend.SetRequiresGrad(moved, true);
            slot.Release();
            slot.Assign(moved);
            old.Dispose();
        }
    }

    /// <summary>Stable 64-bit seed for one slot: FNV-1a over the name, mixed with the run seed.</summary>
    public static long SlotSeed(long seed, string name)
    {
        unchecked
        {
            ulong h = 14695981039346656037UL ^ (ulong)seed;
            foreach (var ch in name)
            {
                h ^= ch;
                h *= 1099511628211UL;
            }
            return (long)(h & 0x7FFF_FFFF_FFFF_FFFFUL);
        }
    }
}
