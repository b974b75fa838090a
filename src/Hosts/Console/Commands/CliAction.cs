using System.CommandLine;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary>Runs a command body; bad input (or an op, backend or device the chosen backend or executable cannot run) becomes one line "seer: error: ..." on stderr and exit code 2.</summary>
internal static class CliAction
{
    public const int BadInput = 2;

    public static int Run(ParseResult result, Func<TextWriter, int> body)
    {
        var output = result.InvocationConfiguration.Output;
        try
        {
            return body(output);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FileNotFoundException or DirectoryNotFoundException or FormatException
                                      or SafetensorsFormatException or CheckpointMismatchException or InvalidDataException or NotSupportedException)
        {
            result.InvocationConfiguration.Error.WriteLine($"seer: error: {e.Message}");
            return BadInput;
        }
    }
}
