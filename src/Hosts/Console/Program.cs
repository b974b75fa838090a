using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Hosts.Console.Commands;

// Composition root of the `seer` CLI: the backend is chosen here and nowhere else.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Services.AddTorchSharpBackend();
using var host = builder.Build();

var root = new RootCommand("Seer.Toolkit: SEER-style self-supervised pretraining (SwAV on RegNetY) in .NET")
{
    ModelCommands.Create(host.Services),
    CheckpointCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
