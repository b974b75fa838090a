namespace Seer.Toolkit.Components.SwAV;

/// <summary>Hyperparameters of <see cref="SwAVLoss"/> (swav main_swav.py / VISSL swav_loss names in brackets).</summary>
public sealed class SwAVLossOptions
{
    /// <summary>Total crops per image, global first (nmb_crops summed; SEER 2 + 4).</summary>
    public int NumCrops { get; set; } = 2;

    /// <summary>Crops whose codes are predicted (crops_for_assign), usually the two global crops.</summary>
    public int[] CropsForAssign { get; set; } = [0, 1];

    /// <summary>Softmax temperature τ of the predictions (temperature).</summary>
    public double Temperature { get; set; } = 0.1;

    /// <summary>Sinkhorn regularisation ε (epsilon).</summary>
    public double Epsilon { get; set; } = 0.05;

    /// <summary>Sinkhorn iterations (sinkhorn_iterations / num_iters).</summary>
    public int SinkhornIterations { get; set; } = 3;

    /// <summary>Embeddings kept per assignment crop (queue_length per process); 0 disables the queue.</summary>
    public int QueueLength { get; set; }

    /// <summary>Iteration from which the queue is filled (epoch_queue_starts · iterations per epoch); used once full.</summary>
    public long QueueStartIteration { get; set; }
}
