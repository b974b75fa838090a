namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// The online monitor of a pretraining run (<c>--set monitor_every=N</c>, 0 = off): every N updates a weighted kNN
/// (k 20, T 0.07, cosine) and a stop-gradient BN + linear head (SGD lr 0.3 per 256, momentum 0.9, one pass per round)
/// on frozen features of the first images of a held-out labelled dataset's splits.
/// </summary>
public sealed record OnlineMonitorOptions
{
    /// <summary>Updates between measurements; 0 turns the monitor off.</summary>
    public long Every { get; init; }

    /// <summary>A labelled dataset as <c>seer eval --dataset</c> takes it (e.g. fashion-mnist).</summary>
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>Images of its training split used as kNN bank and linear-head training set.</summary>
    public int TrainImages { get; init; } = 2000;

    /// <summary>Images of its held-out split scored.</summary>
    public int TestImages { get; init; } = 1000;

    /// <summary>kNN neighbours.</summary>
    public int K { get; init; } = 20;

    /// <summary>kNN vote temperature.</summary>
    public double Temperature { get; init; } = 0.07;

    /// <summary>Linear head's learning rate per 256 images.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>Checks ranges; the message names the key.</summary>
    public OnlineMonitorOptions Validate()
    {
        if (Every < 0) throw new ArgumentException($"monitor_every must be >= 0 (got {Every})");
        if (Every > 0 && string.IsNullOrWhiteSpace(Dataset)) throw new ArgumentException("monitor_dataset is required when monitor_every > 0");
        if (TrainImages < 1 || TestImages < 1) throw new ArgumentException("monitor_train_images and monitor_test_images must be >= 1");
        return this;
    }
}
