namespace Seer.Toolkit.Components.Datasets;

/// <summary>How the evaluation transform fits an image to the trunk's input side S.</summary>
public enum EvalCrop
{
    /// <summary>The whole image resized to S × S (IDX datasets: 28-px digits and clothes, as the probes have always read them).</summary>
    WholeImage,

    /// <summary>torchvision's evaluation transform: shorter side resized to round(S·256/224), then the centre S × S crop.</summary>
    ResizeCenterCrop,
}
