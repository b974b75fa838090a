namespace Seer.Toolkit.Weights;

/// <summary>Naming scheme of a RegNet checkpoint's keys.</summary>
public enum CheckpointFormat
{
    /// <summary>Not recognised (or not yet detected).</summary>
    Unknown,

    /// <summary>torchvision.models.regnet: the canonical names.</summary>
    Torchvision,

    /// <summary>timm.models.regnet (pytorch-image-models).</summary>
    Timm,

    /// <summary>VISSL RegNet trunks over ClassyVision's AnyNet blocks (SEER checkpoints).</summary>
    Vissl,
}
