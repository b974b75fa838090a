using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Hosts.Console;
using Seer.Toolkit.Hosts.Console.Composition;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>Runs the real `seer` command tree in process, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var services = new ServiceCollection().AddSeerBackends().BuildServiceProvider();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = SeerCli.Create(services).Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
