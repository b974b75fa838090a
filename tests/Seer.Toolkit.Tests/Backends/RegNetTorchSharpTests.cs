using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.RegNet;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Backends;

/// <summary>A small RegNetY composed through DI on the TorchSharp backend: shapes, names and exact gradients.</summary>
public class RegNetTorchSharpTests
{
    private static (ServiceProvider Provider, IBackend Backend, Seer.Toolkit.Components.RegNet.RegNet Net) Build(int classes = 5)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get("regnety_micro").Params);
        var provider = new ServiceCollection()
            .AddTorchSharpBackend()
            .AddRegNet(o =>
            {
                o.StemWidth = spec.StemWidth;
                o.Widths = spec.Widths;
                o.Depths = spec.Depths;
                o.GroupWidths = spec.GroupWidths;
                o.BottleneckMultipliers = [.. spec.Stages.Select(s => s.BottleneckMultiplier)];
                o.SeRatio = spec.SeRatio;
                o.NumClasses = classes;
            })
            .BuildServiceProvider();
        return (provider, provider.GetRequiredService<IBackend>(), provider.GetRequiredService<Seer.Toolkit.Components.RegNet.RegNet>());
    }

    [Fact]
    public void State_keys_use_torchvision_names()
    {
        var (provider, _, net) = Build();
        using var _p = provider;
        var keys = net.StateSlots().Select(kv => kv.Key).ToHashSet();
        Assert.Contains("stem.0.weight", keys);
        Assert.Contains("stem.1.running_var", keys);
        Assert.Contains("trunk_output.block1.block1-0.f.a.0.weight", keys);
        Assert.Contains("trunk_output.block1.block1-0.f.b.0.weight", keys);
        Assert.Contains("trunk_output.block1.block1-0.f.se.fc1.weight", keys);
        Assert.Contains("trunk_output.block1.block1-0.f.se.fc2.bias", keys);
        Assert.Contains("trunk_output.block1.block1-0.f.c.1.num_batches_tracked", keys);
        Assert.Contains("trunk_output.block1.block1-0.proj.1.running_mean", keys);
        Assert.Contains("trunk_output.block3.block3-1.f.c.0.weight", keys);
        Assert.DoesNotContain("trunk_output.block3.block3-1.proj.0.weight", keys);   // same width, stride 1: no projection
        Assert.Contains("fc.weight", keys);
        Assert.Contains("fc.bias", keys);
    }

    [Fact]
    public void Forward_gives_logits_and_materialised_state_matches_declared_shapes()
    {
        var (provider, backend, net) = Build(classes: 7);
        using var _p = provider;
        using var scope = backend.NewScope();
        var x = backend.RandomNormal([3, 3, 32, 32], 0, 1, 11);
        Assert.Equal(new long[] { 3, 7 }, net.Forward(x).Shape);
        foreach (var (name, slot) in net.StateSlots())
            Assert.True(slot.Value.Shape.SequenceEqual(slot.Shape), name);
        long materialised = net.NamedParameters().Sum(kv => kv.Value.Value.NumElements);
        Assert.Equal(net.CountParameters(), materialised);
    }

    [Fact]
    public void Init_follows_torchvision()
    {
        var (provider, _, net) = Build();
        using var _p = provider;
        var slots = net.StateSlots().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.All(slots["stem.1.weight"].Value.ToFloatArray(), v => Assert.Equal(1f, v));
        Assert.All(slots["fc.bias"].Value.ToFloatArray(), v => Assert.Equal(0f, v));
        // conv weights ~ N(0, 2 / (k·k·C_out)): the sample std of a 3×3 conv with C_out = 16 is near √(2/144)
        var w = slots["trunk_output.block2.block2-0.f.b.0.weight"].Value.ToDoubleArray();
        double std = Math.Sqrt(w.Select(v => v * v).Average());
        Assert.InRange(std, 0.8 * Math.Sqrt(2.0 / 144), 1.2 * Math.Sqrt(2.0 / 144));
    }

    [Fact]
    public void Backward_matches_central_finite_differences_in_float64()
    {
        var (provider, backend, net) = Build(classes: 3);
        using var _p = provider;
        net.MoveTo(Device.Cpu, DType.Float64);
        var x = backend.RandomNormal([4, 3, 32, 32], 0, 1, 5, DType.Float64);
        var y = backend.FromArray([0L, 1, 2, 1], [4]);
        double Loss()
        {
            using var scope = backend.NewScope();
            return backend.CrossEntropy(net.Forward(x), y).Item();
        }

        using (backend.NewScope()) backend.CrossEntropy(net.Forward(x), y).Backward();
        var parameters = net.NamedParameters().ToDictionary(kv => kv.Key, kv => kv.Value);
        string[] probes =
        [
            "stem.0.weight", "trunk_output.block1.block1-0.f.se.fc1.bias", "trunk_output.block2.block2-0.f.b.0.weight",
            "trunk_output.block3.block3-1.f.c.1.weight", "trunk_output.block2.block2-0.proj.0.weight", "fc.weight",
        ];
        const double h = 1e-6;
        foreach (var name in probes)
        {
            var p = parameters[name].Value;
            var grad = p.Grad!.ToDoubleArray();
            int n = (int)p.NumElements;
            foreach (var index in new[] { 0, n / 2, n - 1 })
            {
                var bump = new double[n];
                bump[index] = h;
                var delta = backend.FromArray(bump, p.Shape);
                backend.AddInPlace(p, delta);
                double plus = Loss();
                backend.AddInPlace(p, delta, -2);
                double minus = Loss();
                backend.AddInPlace(p, delta);
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - grad[index]) <= 1e-6 + 1e-4 * Math.Abs(numeric),
                    $"{name}[{index}]: autograd {grad[index]:E6}, finite difference {numeric:E6}");
            }
        }
    }

    [Fact]
    public void Eval_mode_uses_running_statistics()
    {
        var (provider, backend, net) = Build();
        using var _p = provider;
        using var scope = backend.NewScope();
        var x = backend.RandomNormal([2, 3, 32, 32], 0, 1, 3);
        net.SetTraining(false);
        var a = net.Forward(x).ToFloatArray();
        var b = net.Forward(x).ToFloatArray();
        Assert.Equal(a, b);
        var tracked = net.NamedBuffers().Single(kv => kv.Key == "stem.1.num_batches_tracked").Value.Value.Item();
        Assert.Equal(0, tracked);
        net.SetTraining(true);
        net.Forward(x);
        Assert.Equal(1, net.NamedBuffers().Single(kv => kv.Key == "stem.1.num_batches_tracked").Value.Value.Item());
    }
}
