using System.CommandLine;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Evaluation.Reports;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer eval finetune</c> (SEER fine-tuning) and <c>seer eval lowshot</c> (swav eval_semisup on 1 %/10 % subsets): trunk + new linear head trained end to end on images.</summary>
internal static class TransferCommands
{
    /// <summary>The options both verbs share; defaults are those of <see cref="FineTuneOptions"/> unless a protocol overrides them.</summary>
    private sealed class TrainingOptions
    {
        public Option<string> Checkpoint { get; } = new("--checkpoint") { Description = "trunk.safetensors, a checkpoint folder, or random:ARCH (training from scratch)" };
        public Option<long> Seed { get; } = new("--seed") { Description = "seed of the head init, shuffling, crops, random-init trunk and subset", DefaultValueFactory = _ => 0 };
        public Option<int?> Epochs { get; } = new("--epochs") { Description = "epochs (the step milestones scale with it)" };
        public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "images per update (rates are per 256 images, scaled linearly)" };
        public Option<double?> LearningRate { get; } = new("--lr") { Description = "trunk learning rate per 256 images" };
        public Option<double?> HeadLearningRate { get; } = new("--head-lr") { Description = "head learning rate per 256 images" };
        public Option<double?> Momentum { get; } = new("--momentum") { Description = "SGD momentum" };
        public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay" };
        public Option<int[]> Milestones { get; } = new("--milestones") { Description = "epochs at which the rate is multiplied by --gamma (for --epochs as given)", AllowMultipleArgumentsPerToken = true };
        public Option<double?> Gamma { get; } = new("--gamma") { Description = "step factor of the schedule" };
        public Option<bool> NoAugment { get; } = new("--no-augment") { Description = "train on the evaluation transform (centre crop) instead of RandomResizedCrop + flip" };
        public Option<bool> FrozenBatchNorm { get; } = new("--frozen-bn") { Description = "keep the trunk's BN in evaluation mode (running statistics) while training" };
        public Option<bool> HeadBatchNorm { get; } = new("--bn") { Description = "BN on the pooled features before the linear head" };
        public Option<int> TrainLimit { get; } = new("--train-limit") { Description = "use the first N training images", DefaultValueFactory = _ => int.MaxValue };

        public IEnumerable<Option> All => [Checkpoint, Seed, Epochs, BatchSize, LearningRate, HeadLearningRate, Momentum, WeightDecay, Milestones, Gamma, NoAugment, FrozenBatchNorm, HeadBatchNorm, TrainLimit];

        /// <summary>The protocol's defaults with what the command line sets.</summary>
        public FineTuneOptions Apply(ParseResult r, FineTuneOptions defaults, bool report)
        {
            var o = defaults with { Seed = r.GetValue(Seed), TestEveryEpoch = report };
            if (r.GetValue(Epochs) is { } e) o = o with { Epochs = e };
            if (r.GetValue(Milestones) is { Length: > 0 } m) o = o with { Milestones = m, MilestonesOf = o.Epochs };
            if (r.GetValue(BatchSize) is { } b) o = o with { BatchSize = b };
            if (r.GetValue(LearningRate) is { } lr) o = o with { TrunkLearningRate = lr, HeadLearningRate = r.GetValue(HeadLearningRate) ?? (defaults.HeadLearningRate == defaults.TrunkLearningRate ? lr : defaults.HeadLearningRate) };
            if (r.GetValue(HeadLearningRate) is { } hl) o = o with { HeadLearningRate = hl };
            if (r.GetValue(Momentum) is { } mu) o = o with { Momentum = mu };
            if (r.GetValue(WeightDecay) is { } wd) o = o with { WeightDecay = wd };
            if (r.GetValue(Gamma) is { } g) o = o with { Gamma = g };
            return (o with
            {
                Augment = !r.GetValue(NoAugment),
                TrunkBatchNormTraining = !r.GetValue(FrozenBatchNorm),
                HeadBatchNorm = r.GetValue(HeadBatchNorm),
            }).Validate();
        }
    }

    /// <summary>The settings table of a report.</summary>
    private static List<KeyValuePair<string, object?>> Settings(FineTuneOptions o) =>
    [
        new("epochs", o.Epochs), new("batch size", o.BatchSize), new("trunk learning rate (per 256)", o.TrunkLearningRate),
        new("head learning rate (per 256)", o.HeadLearningRate), new("momentum", o.Momentum), new("weight decay", o.WeightDecay),
        new("schedule", $"×{o.Gamma.ToString(CultureInfo.InvariantCulture)} at epochs {string.Join(", ", o.ScaledMilestones)}"),
        new("train transform", o.Augment ? $"RandomResizedCrop (scale {o.CropScaleMin.ToString(CultureInfo.InvariantCulture)}–1) + flip" : "evaluation transform"),
        new("test transform", "evaluation transform (centre crop)"), new("trunk BN while training", o.TrunkBatchNormTraining ? "train mode" : "eval mode"),
        new("BN on features", o.HeadBatchNorm),
    ];

    /// <summary><c>seer eval finetune</c>: SEER's fine-tuning protocol on the (optionally subset) training split.</summary>
    public static Command FineTune(IServiceProvider services)
    {
        var data = new EvalDataOptions();
        var output = new EvalOutput();
        var training = new TrainingOptions();
        var command = new Command("finetune", "fine-tune trunk + new linear head end to end (SEER: SGD 0.9, wd 1e-4, lr 0.0125/256, ×0.1 after 30 of 35 epochs)");
        var compute = new BackendArguments();
        foreach (var o in training.All.Concat(data.ForEval).Concat(output.All)) command.Options.Add(o);
        compute.AddTo(command);
        command.SetAction(r => CliAction.Run(r, stdout =>
        {
            var backend = compute.Resolve(r, services);
            var options = training.Apply(r, new FineTuneOptions(), r.GetValue(output.Report) is not null);
            var images = EvalCommands.ImageInputs(r, data, training.TrainLimit, training.Seed, training.Checkpoint);
            var rows = images.Trunks(r, output).Select(cp => EvalCommands.TransferRow(backend, cp, images, options, r.GetValue(data.Fraction))).ToList();
            images.ReportSkipped(r);
            output.Emit(r, stdout, "finetune", images.Dataset, options.Seed, rows, images.Splits.Train.ClassNames, Settings(options));
            return 0;
        }));
        return command;
    }

    /// <summary><c>seer eval lowshot</c>: swav eval_semisup on a class-balanced subset per --fraction (several give a top-1 vs fraction plot).</summary>
    public static Command LowShot(IServiceProvider services)
    {
        var data = new EvalDataOptions();
        var output = new EvalOutput();
        var training = new TrainingOptions();
        var fractions = new Option<double[]>("--fraction")
        {
            Description = "label fraction(s) of the training split, class-balanced (0.01, 0.1 as swav's 1 %/10 %); several run one after another",
            AllowMultipleArgumentsPerToken = true,
            Required = true,
        };
        var command = new Command("lowshot", "fine-tune on 1 %/10 % of the labels (swav eval_semisup: trunk/head lr 0.02/5 at 1 %, 0.01/0.2 at 10 %, ×0.2 at epochs 12, 16 of 20, wd 0)")
        {
            fractions,
        };
        var compute = new BackendArguments();
        foreach (var o in training.All.Concat([data.Dataset, data.ValFraction, data.SplitSeed, data.Resolution]).Concat(output.All)) command.Options.Add(o);
        compute.AddTo(command);
        command.SetAction(r => CliAction.Run(r, stdout =>
        {
            var backend = compute.Resolve(r, services);
            bool report = r.GetValue(output.Report) is not null;
            var chosen = r.GetValue(fractions) ?? [];
            if (chosen.Length == 0) throw new ArgumentException("--fraction needs at least one value, e.g. 0.01 0.1");
            var rows = new List<ReportRow>();
            FineTuneOptions? first = null;
            string dataset = "";
            IReadOnlyList<string> classNames = [];
            foreach (var fraction in chosen)
            {
                var options = training.Apply(r, LowShotOptions.For(fraction), report);
                first ??= options;
                var images = EvalCommands.ImageInputs(r, data, training.TrainLimit, training.Seed, training.Checkpoint, new SubsetRequest(Fraction: fraction, Seed: options.Seed));
                (dataset, classNames) = (images.Dataset, images.Splits.Train.ClassNames);
                rows.AddRange(images.Trunks(r, output).Select(cp => EvalCommands.TransferRow(backend, cp, images, options, fraction)));
                if (fraction == chosen[^1]) images.ReportSkipped(r);
            }
            var settings = Settings(first!);
            settings.Insert(0, new("label fractions", string.Join(", ", chosen.Select(EvalReport.Percent))));
            settings.Add(new("learning rates per fraction", string.Join("; ", chosen.Select(f =>
            {
                var o = training.Apply(r, LowShotOptions.For(f), report);
                return $"{EvalReport.Percent(f)}: trunk {o.TrunkLearningRate.ToString(CultureInfo.InvariantCulture)}, head {o.HeadLearningRate.ToString(CultureInfo.InvariantCulture)}";
            }))));
            output.Emit(r, stdout, "lowshot", dataset, first!.Seed, rows, classNames, settings);
            return 0;
        }));
        return command;
    }
}
