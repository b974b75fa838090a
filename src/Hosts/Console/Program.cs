using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Hosts.Console;

// Composition root of the `seer` CLI: the backend is chosen here and nowhere else.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Services.AddTorchSharpBackend();
using var host = builder.Build();
return await SeerCli.Create(host.Services).Parse(args).InvokeAsync();
