using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Augmentation;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>
/// A SwAV pretraining recipe: trunk, multi-crop, head, loss, optimiser and schedule. Immutable; named presets live in
/// <see cref="PretrainPresets"/> and single keys are overridden with <see cref="PretrainSettings"/>.
/// </summary>
public sealed record PretrainOptions
{
    /// <summary>RegNet preset of the trunk.</summary>
    public string Arch { get; init; } = "regnety_mini";

    /// <summary>Images per update (the global batch; ranks split it).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Number of updates.</summary>
    public long Steps { get; init; } = 5000;

    /// <summary>Crop groups and photometric augmentation.</summary>
    public MultiCropOptions Crops { get; init; } = new()
    {
        // Two global 28-px views, as solo-learn's SwAV on 32-px CIFAR: on 28-px Fashion-MNIST with these small trunks,
        // four 14-px local crops learn but probe lower at equal updates and run at a third of the speed (README "Status").
        Sizes = [28], Counts = [2], ScaleMin = [0.4], ScaleMax = [1.0], ColorStrength = 0.5, BlurProbability = 0,
    };

    /// <summary>Projection MLP after the trunk: hidden and output widths (input is the trunk width).</summary>
    public int[] HeadDims { get; init; } = [512, 128];

    /// <summary>BatchNorm + ReLU between head layers (swav) or ReLU only (SEER).</summary>
    public bool HeadBatchNorm { get; init; } = true;

    /// <summary>Number of prototypes K.</summary>
    public int Prototypes { get; init; } = 300;

    /// <summary>Softmax temperature τ.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>Sinkhorn ε.</summary>
    public double Epsilon { get; init; } = 0.05;

    /// <summary>Sinkhorn iterations.</summary>
    public int SinkhornIterations { get; init; } = 3;

    /// <summary>Embedding queue length per assignment crop (0 = off).</summary>
    public int QueueLength { get; init; } = 1920;

    /// <summary>Update from which the queue is filled.</summary>
    public long QueueStart { get; init; } = 150;

    /// <summary>Updates during which prototypes get no gradient.</summary>
    public long FreezePrototypes { get; init; } = 50;

    /// <summary>Peak learning rate per 256 images.</summary>
    public double BaseLr { get; init; } = 0.6;

    /// <summary>Learning rate at step 0.</summary>
    public double StartLr { get; init; } = 0.0;

    /// <summary>Final learning rate as a fraction of the peak.</summary>
    public double FinalLrFraction { get; init; } = 0.001;

    /// <summary>Linear warmup updates.</summary>
    public long WarmupSteps { get; init; } = 100;

    /// <summary>SGD weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-6;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>LARS trust-ratio adaptation.</summary>
    public bool Lars { get; init; } = true;

    /// <summary>LARS clip mode.</summary>
    public bool LarsClip { get; init; }

    /// <summary>Seed of weights, data order and augmentation.</summary>
    public long Seed { get; init; }

    /// <summary>Updates between checkpoints (the last update always writes one).</summary>
    public long CheckpointEvery { get; init; } = 200;

    /// <summary>Updates between progress lines and metric records.</summary>
    public long LogEvery { get; init; } = 10;

    /// <summary>NaN/Inf losses in a row that stop the run.</summary>
    public int MaxBadSteps { get; init; } = 5;

    /// <summary>Decoding/augmentation worker threads.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>
    /// Training precision: "fp32", or "bf16" mixed precision (fp32 master weights and optimiser; convolutions and matrix
    /// products of the trunk and head in bf16; batch-norm statistics, softmax, normalisation, Sinkhorn and the loss in fp32).
    /// </summary>
    public string Precision { get; init; } = PrecisionNames.Fp32;

    /// <summary>Activation checkpointing of the trunk: 0 = off, N = each stage's blocks recomputed in backward as N segments.</summary>
    public int ActivationCheckpointing { get; init; }

    /// <summary>Ranks per SyncBatchNorm statistics group in a distributed run (SEER: 64); 0 = the whole world.</summary>
    public int SyncBatchNormGroupSize { get; init; }

    /// <summary>
    /// Seconds a rank of a distributed run waits for the others at a collective before it ends the job naming the ranks that
    /// did not arrive (a hung rank); 0 = no limit. Rank 0's own work (checkpoint writes, the online monitor) is waited for
    /// without limit.
    /// </summary>
    public double CollectiveTimeoutSeconds { get; init; } = 45;

    /// <summary>Online kNN and stop-gradient linear head on a held-out labelled set every N updates (monitor_*; off by default).</summary>
    public OnlineMonitorOptions Monitor { get; init; } = new();

    /// <summary>Checks ranges; the message names the key.</summary>
    public PretrainOptions Validate()
    {
        if (BatchSize < 2) throw new ArgumentException($"batch_size must be >= 2 (got {BatchSize})");
        if (Steps < 1) throw new ArgumentException($"steps must be >= 1 (got {Steps})");
        if (Prototypes < 2) throw new ArgumentException($"prototypes must be >= 2 (got {Prototypes})");
        if (HeadDims.Length == 0 || HeadDims.Any(d => d < 1)) throw new ArgumentException("head_dims must be positive widths");
        if (!(BaseLr > 0)) throw new ArgumentException($"base_lr must be positive (got {BaseLr})");
        PrecisionNames.ToDType(Precision);
        if (ActivationCheckpointing < 0) throw new ArgumentException($"activation_checkpointing must be >= 0 (got {ActivationCheckpointing})");
        if (!(CollectiveTimeoutSeconds >= 0) || double.IsInfinity(CollectiveTimeoutSeconds))
            throw new ArgumentException($"collective_timeout_s must be a finite number of seconds >= 0, 0 for no limit (got {CollectiveTimeoutSeconds})");
        if (SyncBatchNormGroupSize < 0) throw new ArgumentException($"sync_bn_group_size must be >= 0 (got {SyncBatchNormGroupSize})");
        if (WarmupSteps < 0 || CheckpointEvery < 1 || LogEvery < 1) throw new ArgumentException("warmup_steps >= 0, checkpoint_every >= 1 and log_every >= 1 are required");
        Crops.Validate();
        Monitor.Validate();
        if (Crops.Counts[0] < 2) throw new ArgumentException("SwAV needs two global crops (crops.counts[0] >= 2)");
        return this;
    }
}
