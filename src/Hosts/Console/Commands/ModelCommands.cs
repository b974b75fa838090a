using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.RegNet;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer model list|info|step</c>: architecture presets, their size and cost, and a training step.</summary>
internal static class ModelCommands
{
    public static Command Create(IServiceProvider services)
    {
        var model = new Command("model", "RegNetY architectures: presets, sizes, costs");
        model.Subcommands.Add(List());
        model.Subcommands.Add(Info());
        model.Subcommands.Add(Step(services));
        return model;
    }

    private static Option<string> ArchOption() => new("--arch") { Description = "preset name (see `seer model list`)", Required = true };

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var cmd = new Command("list", "list architecture presets") { json };
        cmd.SetAction(r => CliAction.Run(r, output =>
        {
            var rows = RegNetPresets.All.Select(p =>
            {
                var spec = RegNetDesignSpace.Resolve(p.Params);
                return (p, cost: RegNetComplexity.Network(spec, 1000), trunk: RegNetComplexity.Network(spec, 0));
            }).ToList();
            if (r.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartArray("presets");
                    foreach (var (p, cost, trunk) in rows)
                    {
                        w.WriteStartObject();
                        w.WriteString("arch", p.Name);
                        w.WriteString("source", p.Source);
                        w.WriteNumber("parameters_1000", cost.Parameters);
                        w.WriteNumber("parameters_trunk", trunk.Parameters);
                        w.WriteNumber("gflops", Math.Round(cost.GFlops, 3));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                return 0;
            }
            output.WriteLine($"{"arch",-16} {"params (1000 cls)",18} {"params (trunk)",16} {"GFLOPs@224",11}  source");
            foreach (var (p, cost, trunk) in rows)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Name,-16} {cost.Parameters,18:N0} {trunk.Parameters,16:N0} {cost.GFlops,11:F3}  {p.Source}"));
            return 0;
        }));
        return cmd;
    }

    private static Command Info()
    {
        var arch = ArchOption();
        var classes = new Option<int>("--classes") { Description = "classifier outputs; 0 = trunk only", DefaultValueFactory = _ => 1000 };
        var resolution = new Option<int>("--resolution") { Description = "input side for the FLOP count", DefaultValueFactory = _ => 224 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var cmd = new Command("info", "parameters, FLOPs and stage layout of an architecture") { arch, classes, resolution, json };
        cmd.SetAction(r => CliAction.Run(r, output =>
        {
            var name = r.GetValue(arch)!;
            var nClasses = r.GetValue(classes);
            if (nClasses < 0) throw new ArgumentException($"--classes must be >= 0 (got {nClasses})");
            var preset = RegNetPresets.Get(name);
            var spec = RegNetDesignSpace.Resolve(preset.Params);
            var network = RegNet.FromSpec(spec, nClasses);              // declarative graph: shapes only, no tensors
            long parameters = network.CountParameters();
            var cost = RegNetComplexity.Network(spec, nClasses, r.GetValue(resolution));
            if (r.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("arch", preset.Name);
                    w.WriteNumber("parameters", parameters);
                    w.WriteNumber("gflops", Math.Round(cost.GFlops, 4));
                    w.WriteArray("widths", spec.Widths);
                    w.WriteArray("depths", spec.Depths);
                    w.WriteArray("group_widths", spec.GroupWidths);
                });
                return 0;
            }
            output.WriteLine($"arch          {preset.Name}  ({preset.Source})");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parameters    {parameters:N0}{(nClasses == 0 ? " (trunk only)" : $" ({nClasses} classes)")}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GFLOPs        {cost.GFlops:F3} at {r.GetValue(resolution)}px"));
            output.WriteLine($"widths        [{string.Join(", ", spec.Widths)}]");
            output.WriteLine($"depths        [{string.Join(", ", spec.Depths)}]");
            output.WriteLine($"group_widths  [{string.Join(", ", spec.GroupWidths)}]");
            return 0;
        }));
        return cmd;
    }

    private static Command Step(IServiceProvider services)
    {
        var arch = ArchOption();
        var batch = new Option<int>("--batch") { Description = "images per step", DefaultValueFactory = _ => 4 };
        var resolution = new Option<int>("--resolution") { Description = "input side", DefaultValueFactory = _ => 32 };
        var classes = new Option<int>("--classes") { Description = "classifier outputs", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "init and data seed", DefaultValueFactory = _ => 0 };
        var precision = new Option<string>("--precision") { Description = "fp32 | bf16 (weights and activations)", DefaultValueFactory = _ => "fp32" };
        precision.AcceptOnlyFromAmong("fp32", "bf16");
        var channelsLast = new Option<bool>("--channels-last") { Description = "run convolutions on NHWC-strided activations" };
        var compute = new BackendArguments();
        var cmd = compute.AddTo(new Command("step", "one forward + backward pass on random data (checks a backend end to end)")
        {
            arch, batch, resolution, classes, seed, precision, channelsLast,
        });
        cmd.SetAction(r => CliAction.Run(r, output =>
        {
            var backend = compute.Resolve(r, services);
            var nClasses = Math.Max(1, r.GetValue(classes));
            var n = r.GetValue(batch);
            var side = r.GetValue(resolution);
            if (n < 1 || side < 8) throw new ArgumentException($"--batch must be >= 1 and --resolution >= 8 (got {n}, {side})");
            var s = r.GetValue(seed);
            var dtype = r.GetValue(precision) == "bf16" ? DType.BFloat16 : DType.Float32;
            var watch = Stopwatch.StartNew();
            var network = RegNet.FromPreset(r.GetValue(arch)!, nClasses).Materialize(backend, s);
            if (dtype != DType.Float32) network.MoveTo(backend.DefaultDevice, dtype);
            using var scope = backend.NewScope();
            var x = backend.RandomNormal([n, 3, side, side], 0, 1, s + 1, dtype);
            if (r.GetValue(channelsLast)) x = backend.ToMemoryFormat(x, MemoryFormat.ChannelsLast);
            var y = backend.FromArray(Enumerable.Range(0, n).Select(i => (long)(i % nClasses)).ToArray(), [n]);
            var loss = backend.CrossEntropy(network.Forward(x).Cast(DType.Float32), y);
            loss.Backward();
            double gradSq = 0;
            foreach (var (_, p) in network.NamedParameters())
                if (p.Value.Grad is { } g) gradSq += g.Cast(DType.Float32).Pow(2).Sum().Item();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backend {backend.Name} ({dtype}): loss {loss.Item():F6}, gradient norm {Math.Sqrt(gradSq):F6}, {network.CountParameters():N0} parameters, {watch.Elapsed.TotalMilliseconds:F0} ms"));
            return 0;
        }));
        return cmd;
    }
}
