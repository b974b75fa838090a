using System.CommandLine;
using System.Globalization;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer checkpoint diff A B</c>: key-by-key comparison of two safetensors weight files.</summary>
internal static class CheckpointCommands
{
    public static Command Create()
    {
        var checkpoint = new Command("checkpoint", "weight files: compare and inspect");
        var a = new Argument<FileInfo>("A") { Description = "first .safetensors file" };
        var b = new Argument<FileInfo>("B") { Description = "second .safetensors file" };
        var json = new Option<bool>("--json") { Description = "print JSON (keys_compared, max_abs, max_rel, max_rel_tensor, missing, unexpected)" };
        var diff = new Command("diff", "compare two weight files key by key (names remapped to torchvision's)") { a, b, json };
        diff.SetAction(r => CliAction.Run(r, output =>
        {
            var fa = r.GetValue(a)!;
            var fb = r.GetValue(b)!;
            foreach (var f in new[] { fa, fb })
                if (!f.Exists) throw new FileNotFoundException($"weight file not found: {f.FullName}", f.FullName);
            var result = CheckpointDiff.Compare(fa.FullName, fb.FullName);
            if (r.GetValue(json))
            {
                output.WriteLine(result.ToJson(indented: true));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"keys compared {result.KeysCompared}, max_abs {result.MaxAbs:G6}{(result.MaxAbsKey is null ? "" : $" ({result.MaxAbsKey})")}, max_rel {result.MaxRel:G6}, max_rel_tensor {result.MaxRelTensor:G6}{(result.MaxRelTensorKey is null ? "" : $" ({result.MaxRelTensorKey})")}"));
                foreach (var k in result.Missing) output.WriteLine($"missing in B:    {k}");
                foreach (var k in result.Unexpected) output.WriteLine($"only in B:       {k}");
                foreach (var m in result.ShapeMismatches) output.WriteLine($"shape mismatch:  {m}");
            }
            return result.Missing.Count == 0 && result.Unexpected.Count == 0 && result.ShapeMismatches.Count == 0 ? 0 : 1;
        }));
        checkpoint.Subcommands.Add(diff);
        return checkpoint;
    }
}
