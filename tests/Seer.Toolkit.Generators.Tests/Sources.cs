namespace Seer.Toolkit.Generators.Tests;

/// <summary>Component sources the tests feed to the generator.</summary>
internal static class Sources
{
    /// <summary>A small convolution-like component with an optional bias.</summary>
    public const string Conv2d = """
        using Seer.Toolkit.Components;
        using Seer.Toolkit.Tensors;

        namespace Demo;

        [Component]
        public sealed partial class Conv2d(int inChannels, int outChannels, int kernelSize, bool bias = false)
        {
            [Parameter] private readonly Parameter weight =
                new([outChannels, inChannels, kernelSize, kernelSize], Init.KaimingNormalFanOut(kernelSize, kernelSize, outChannels));
            [Parameter("bias")] private readonly Parameter? _bias = bias ? new([outChannels], Init.Zeros) : null;

            public Tensor Forward(Tensor x) => x;
        }
        """;

    /// <summary>The squeeze-excitation example: explicit names, nullable slots, an inline component list.</summary>
    public const string SqueezeExcitation = """
        using Seer.Toolkit.Components;
        using Seer.Toolkit.Tensors;

        namespace Demo;

        [Component]
        public sealed partial class SqueezeExcitation(int channels, int squeezeChannels, double momentum = 0.1)
        {
            [Child] private readonly Conv2d fc1 = new(channels, squeezeChannels, 1, bias: true);
            [Child("fc2")] private readonly Conv2d _second = new(squeezeChannels, channels, 1, bias: true);
            [Parameter] private readonly Parameter scale = new([channels], Init.Ones);
            [Parameter("bias")] private readonly Parameter? _bias = null;
            [Buffer("running_mean")] private readonly StateBuffer runningMean = new([channels], Init.Zeros);
            [Child(Inline = true)] private readonly ComponentList<Block> blocks =
                new([("block1", new Block(channels)), ("block2", new Block(channels))]);

            public double Momentum => momentum;

            public Tensor Forward(Tensor x) => x;
        }

        [Component("se_block")]
        public sealed partial class Block(int channels)
        {
            [Child] private readonly Conv2d? shortcut = channels > 1 ? new(channels, channels, 1) : null;
            [Buffer] private readonly StateBuffer? count = null;

            public Tensor Forward(Tensor x) => x;
        }
        """;

    /// <summary>A component nested in a static class, with property members and a custom type name.</summary>
    public const string Nested = """
        using Seer.Toolkit.Components;
        using Seer.Toolkit.Tensors;

        namespace Demo.Heads;

        public static partial class Heads
        {
            [Component("linear_head")]
            public sealed partial class Linear(int inFeatures, int outFeatures, bool bias = true)
            {
                [Parameter("weight")] public Parameter Weight { get; } = new([outFeatures, inFeatures], Init.Normal(0, 0.01));
                [field: Parameter("bias")] public Parameter? Bias { get; } = bias ? new([outFeatures], Init.Zeros) : null;

                public Tensor Forward(Tensor x) => x;
            }
        }
        """;

    /// <summary>An internal component with enum, array, list, string and numeric hyperparameters.</summary>
    public const string Hyperparameters = """
        using System.Collections.Generic;
        using Seer.Toolkit.Components;
        using Seer.Toolkit.Tensors;

        namespace Demo.Config;

        public enum Activation { Relu, Gelu, Silu = 5 }

        [Component]
        internal sealed partial class Stem(
            int[] depths,
            IReadOnlyList<double> scales,
            string label,
            Activation activation = Activation.Gelu,
            Activation fallback = (Activation)7,
            int[]? widths = null,
            IReadOnlyList<string>? names = null,
            float eps = 1e-5f,
            double momentum = 1,
            long seed = -42,
            bool affine = true,
            string title = "stem \"x\"\n",
            string? tag = null)
        {
            [Buffer] private readonly StateBuffer steps = new([1], Init.Zeros);

            public string Describe() =>
                $"{depths.Length}{scales.Count}{label}{activation}{fallback}{widths?.Length}{names?.Count}{eps}{momentum}{seed}{affine}{title}{tag}";

            public Tensor Forward(Tensor x) => x;
        }
        """;
}
