namespace Seer.Toolkit.Components.Evaluation;

/// <summary>One training epoch of a probe or fine-tuning run: mean cross-entropy, training top-1 (on the augmented batches), held-out top-1, learning rate at its start.</summary>
public sealed record EpochRecord(int Epoch, double Loss, double TrainTop1, double? TestTop1, double LearningRate);
