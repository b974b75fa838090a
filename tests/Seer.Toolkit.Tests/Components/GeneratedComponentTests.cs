using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Composition;

namespace Seer.Toolkit.Tests.Components;

/// <summary>A component declared in this test assembly gets naming, counting, modes, options and DI generated.</summary>
public class GeneratedComponentTests
{
    [Fact]
    public void State_names_are_dotted_and_in_declaration_order()
    {
        var block = new ScaledResidual(4);
        var names = block.StateSlots().Select(kv => kv.Key).ToArray();
        Assert.Equal(
            [
                "conv.weight", "norm.weight", "norm.bias", "alpha",
                "norm.running_mean", "norm.running_var", "norm.num_batches_tracked", "calls",
            ],
            names);
        Assert.Equal("scaled_residual", block.ComponentType);
    }

    [Fact]
    public void Parameter_count_comes_from_declared_shapes()
    {
        // conv 4·4·3·3 = 144, BN 2·4 = 8, alpha 4 → 156; buffers are not parameters.
        Assert.Equal(156, new ScaledResidual(4).CountParameters());
    }

    [Fact]
    public void Training_mode_propagates_to_every_descendant()
    {
        var block = new ScaledResidual(2);
        block.SetTraining(false);
        Assert.False(block.IsTraining);
        Assert.All(block.Descendants(), kv => Assert.False(kv.Value.IsTraining));
        block.SetTraining(true);
        Assert.All(block.Descendants(), kv => Assert.True(kv.Value.IsTraining));
        Assert.Equal(["conv", "norm"], block.Descendants().Select(kv => kv.Key));
    }

    [Fact]
    public void Options_and_DI_registration_are_generated()
    {
        var services = new ServiceCollection()
            .AddTorchSharpBackend()
            .Configure<ModelInitOptions>(o => o.Seed = 7)
            .AddScaledResidual(o =>
            {
                o.Channels = 3;
                o.Label = "from-di";
            });
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ScaledResidualOptions>>().Value;
        Assert.Equal(0.5, options.InitialScale);                      // default taken from the constructor
        var block = provider.GetRequiredService<ScaledResidual>();
        Assert.Equal("from-di", block.Label);
        Assert.All(block.StateSlots(), kv => Assert.True(kv.Value.IsMaterialized, kv.Key));
        var alpha = block.NamedParameters().Single(kv => kv.Key == "alpha").Value.Value;
        Assert.All(alpha.ToFloatArray(), v => Assert.Equal(0.5f, v));

        // the same seed gives the same weights; the seed is mixed with each slot's name
        var again = provider.GetRequiredService<ScaledResidual>();
        Assert.Equal(W(block, "conv.weight"), W(again, "conv.weight"));
    }

    [Fact]
    public void Forward_runs_on_the_backend_chosen_at_the_composition_root()
    {
        using var provider = new ServiceCollection().AddTorchSharpBackend().AddScaledResidual(o => o.Channels = 2).BuildServiceProvider();
        var backend = provider.GetRequiredService<IBackend>();
        var block = provider.GetRequiredService<ScaledResidual>();
        var x = backend.RandomNormal([2, 2, 5, 5], 0, 1, 3);
        var y = block.Forward(x);
        Assert.Equal(new long[] { 2, 2, 5, 5 }, y.Shape);
        Assert.Equal("torchsharp", y.Backend.Name);
    }

    [Fact]
    public void Generated_options_bind_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:Channels"] = "6",
            ["Model:InitialScale"] = "0.25",
            ["Model:Label"] = "configured",
        }).Build();
        using var provider = new ServiceCollection()
            .Configure<ScaledResidualOptions>(config.GetSection("Model"))
            .AddScaledResidual()
            .BuildServiceProvider();
        var block = provider.GetRequiredService<ScaledResidual>();
        Assert.Equal("configured", block.Label);
        Assert.Equal(6 * 6 * 9 + 2 * 6 + 6, block.CountParameters());          // conv + BN affine + alpha
        Assert.False(block.StateSlots()[0].Value.IsMaterialized);               // no backend registered: declarative only
    }

    private static float[] W(IComponent c, string name) =>
        c.NamedParameters().Single(kv => kv.Key == name).Value.Value.ToFloatArray();
}
