using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Hosts.Console;
using Seer.Toolkit.Hosts.Console.Composition;

// Composition root of the `seer` CLI: the backends are registered here and nowhere else; commands pick one by --backend.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Services.AddSeerBackends();
using var host = builder.Build();
return await SeerCli.Create(host.Services).Parse(args).InvokeAsync();
