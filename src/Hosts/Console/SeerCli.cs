using System.CommandLine;
using Seer.Toolkit.Hosts.Console.Commands;

namespace Seer.Toolkit.Hosts.Console;

/// <summary>The command tree of the <c>seer</c> CLI; services come from the host's composition root.</summary>
public static class SeerCli
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create(IServiceProvider services) =>
        new("Seer.Toolkit: SEER-style self-supervised pretraining (SwAV on RegNetY) in .NET")
        {
            ModelCommands.Create(services),
            CheckpointCommands.Create(),
            DataCommands.Create(),
            PretrainCommands.Create(services),
            EvalCommands.Create(services),
            ExtractCommand.Create(services),
            DemoCommand.Create(services),
        };
}
