namespace Seer.Toolkit.Components.Optim;

/// <summary>Hyperparameters of <see cref="LarsSgd"/> (PyTorch SGD + ClassyVision/apex LARC names in brackets).</summary>
public sealed class LarsSgdOptions
{
    /// <summary>Momentum μ (momentum; 0.9 in swav/SEER).</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>Weight decay λ (weight_decay; swav 1e-6, SEER 5e-5).</summary>
    public double WeightDecay { get; set; } = 1e-6;

    /// <summary>Layer-wise trust-ratio adaptation on (LARC wrapper present); off gives plain PyTorch SGD.</summary>
    public bool Lars { get; set; } = true;

    /// <summary>Trust coefficient η (trust_coefficient).</summary>
    public double TrustCoefficient { get; set; } = 0.001;

    /// <summary>ε added to the denominator of the trust ratio (eps).</summary>
    public double Eps { get; set; } = 1e-8;

    /// <summary>Clip mode (clip): the effective rate is min(local lr, lr) instead of local lr · lr.</summary>
    public bool Clip { get; set; }

    /// <summary>Leave 1-D parameters (biases, BN affine terms) out of the adaptation and of weight decay (ignore_1d_param).</summary>
    public bool ExcludeOneDimensional { get; set; }
}
