namespace Seer.Toolkit.Weights;

/// <summary>A safetensors file is malformed; the message names the file and, where relevant, the tensor.</summary>
public sealed class SafetensorsFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> and, optionally, <paramref name="tensor"/>.</summary>
    public SafetensorsFormatException(string path, string? tensor, string problem, Exception? inner = null)
        : base(Compose(path, tensor, problem), inner)
    {
        FilePath = path;
        TensorName = tensor;
    }

    /// <summary>The file that failed validation.</summary>
    public string FilePath { get; }

    /// <summary>The offending tensor, when the problem is tied to one.</summary>
    public string? TensorName { get; }

    private static string Compose(string path, string? tensor, string problem) => tensor is null
        ? $"invalid safetensors file '{path}': {problem}"
        : $"invalid safetensors file '{path}', tensor '{tensor}': {problem}";
}
