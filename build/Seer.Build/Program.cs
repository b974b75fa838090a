using Seer.Build;

// ./build.sh TARGET [TARGET...] — restore, compile, test, bench, publish. Targets run their dependencies first.
var repo = RepoRoot.Find();
var targets = new BuildTargets(repo);
if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("usage: ./build.sh TARGET [TARGET...]\ntargets:");
    foreach (var (name, description) in targets.Describe()) Console.WriteLine($"  {name,-9} {description}");
    return args.Length == 0 ? 2 : 0;
}
try
{
    foreach (var t in args) targets.Run(t);
    return 0;
}
catch (BuildFailedException e)
{
    Console.Error.WriteLine($"build: {e.Message}");
    return 1;
}
