using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Hosts.Console.Composition;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>--backend</c> and <c>--device</c> of a command that builds a model; the backend comes from the host's <see cref="IBackendProvider"/>.</summary>
internal sealed class BackendArguments
{
    /// <summary><c>--backend</c>: the compute backend's name.</summary>
    public Option<string> Backend { get; } = new("--backend")
    {
        Description = "compute backend: torchsharp (libtorch, CPU) or ilgpu (ILGPU kernels; JIT host only, ILGPU#847)",
        DefaultValueFactory = _ => SeerBackends.Default,
    };

    /// <summary><c>--device</c>: cpu, cuda[:N] or opencl[:N].</summary>
    public Option<string> Device { get; } = new("--device")
    {
        Description = "device: cpu, cuda[:N] or opencl[:N] (GPUs with --backend ilgpu; torchsharp runs on the CPU)",
        DefaultValueFactory = _ => "cpu",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(Device);
        return command;
    }

    /// <summary>The backend the options name (bad names and devices are argument errors naming the value).</summary>
    public IBackend Resolve(ParseResult result, IServiceProvider services) =>
        services.GetRequiredService<IBackendProvider>().Get(result.GetValue(Backend)!, ParseDevice(result));

    /// <summary>True when the options name the default backend on the CPU (what a multi-rank job's workers run).</summary>
    public bool IsDefault(ParseResult result) =>
        string.Equals(result.GetValue(Backend)?.Trim(), SeerBackends.Default, StringComparison.OrdinalIgnoreCase)
        && ParseDevice(result).Kind == Tensors.DeviceKind.Cpu;

    private Tensors.Device ParseDevice(ParseResult result)
    {
        var text = result.GetValue(Device)!;
        try
        {
            return Tensors.Device.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--device '{text}': expected cpu, cuda[:N] or opencl[:N]", e);
        }
    }
}
