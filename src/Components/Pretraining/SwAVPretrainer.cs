using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Optim;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Metrics;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>Outcome of a run.</summary>
public sealed record PretrainResult(long Steps, double LastLoss, long BadSteps, string? Checkpoint, TimeSpan Elapsed);

/// <summary>A run stopped because the loss was not finite too many times in a row; nothing good was overwritten.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// SwAV pretraining (Caron et al. 2020; SEER, Goyal et al. 2021): multi-crop batches → RegNet trunk (one
/// call per resolution) → projection head → prototype scores → swapped-prediction loss with Sinkhorn codes → LARS SGD
/// under a warmup-cosine schedule, prototypes frozen early and re-normalised after each update. Checkpoints are atomic and a
/// resumed run continues bit-exactly (weights, momentum, queue and data position are restored). Over a process group of W
/// ranks it is data-parallel: rank r takes its contiguous slice of the global batch, batch norm becomes SyncBatchNorm
/// (groups of <see cref="PretrainOptions.SyncBatchNormGroupSize"/>), Sinkhorn all-reduces across ranks, gradients are
/// averaged, and only rank 0 writes checkpoints, metrics and logs (<see cref="DataParallel"/>).
/// </summary>
public sealed class SwAVPretrainer
{
    private readonly IBackend _backend;
    private readonly PretrainOptions _o;
    private readonly IImageCollection _images;
    private readonly string _outDir;
    private readonly TextWriter _log;
    private readonly DType _computeDType;
    private readonly DataParallel _parallel;
    private readonly int _localBatch;
    private readonly IReadOnlyList<Parameter> _parameters;
    private long _gradientSyncTicks;                 // Stopwatch ticks spent averaging gradients since the last log line

    /// <summary>
    /// Builds trunk, head, loss and optimiser from the recipe; with <paramref name="group"/> of W &gt; 1 ranks (collective:
    /// every rank constructs its trainer), batch norm is synchronised, Sinkhorn distributed and the queue sharded.
    /// </summary>
    public SwAVPretrainer(IBackend backend, PretrainOptions options, IImageCollection images, string outDir, TextWriter log,
        IProcessGroup? group = null)
    {
        _o = options.Validate();
        _backend = backend;
        _images = images;
        _outDir = outDir;
        _parallel = new DataParallel(group ?? new SingleProcessGroup());
        _parallel.SetCollectiveTimeout(_o.CollectiveTimeoutSeconds);      // before SyncBatchNorm splits its groups off
        _log = _parallel.IsLeader ? log : TextWriter.Null;
        int world = _parallel.Size;
        if (_o.BatchSize % world != 0)
            throw new ArgumentException($"batch_size {_o.BatchSize} (the global batch) is not divisible by the {world} ranks");
        _localBatch = _o.BatchSize / world;
        if (_o.QueueLength % world != 0)
            throw new ArgumentException($"queue_length {_o.QueueLength} is not divisible by the {world} ranks (each holds queue_length / ranks rows)");
        Trunk = RegNetModel.FromPreset(_o.Arch, 0).Materialize(backend, _o.Seed);
        Trunk.ActivationCheckpointing = _o.ActivationCheckpointing;
        _computeDType = PrecisionNames.ToDType(_o.Precision);
        Head = new SwAVHead([Trunk.FeatureWidth, .. _o.HeadDims], _o.Prototypes, _o.HeadBatchNorm).Materialize(backend, _o.Seed + 1);
        Head.NormalizePrototypes();
        if (world > 1)
        {
            var statistics = SyncBatchNormGroups.Create(_parallel.World, _o.SyncBatchNormGroupSize);
            SyncBatchNormGroups.Attach(Trunk, statistics);
            SyncBatchNormGroups.Attach(Head, statistics);
        }
        // swav keeps one queue per rank of queue_length / W rows; the ranks' queues together hold the embeddings of the
        // same past batches a single queue of queue_length holds, and Sinkhorn treats samples symmetrically.
        Loss = new SwAVLoss(new SwAVLossOptions
        {
            NumCrops = _o.Crops.TotalCrops, CropsForAssign = [0, 1], Temperature = _o.Temperature, Epsilon = _o.Epsilon,
            SinkhornIterations = _o.SinkhornIterations, QueueLength = _o.QueueLength / world, QueueStartIteration = _o.QueueStart,
        }, world > 1 ? new ProcessGroupSinkhornReducer(_parallel.World) : null)
        {
            CollapseDetector = new CollapseDetector(_o.Prototypes),
        };
        Loss.CollapseDetector.Warning += w => _log.WriteLine($"warning: {w.Message}");
        var parameters = Trunk.NamedParameters("trunk").Concat(Head.NamedParameters("head")).ToList();
        _parameters = [.. parameters.Select(kv => kv.Value)];
        Optimizer = new LarsSgd(parameters, new LarsSgdOptions
        {
            Momentum = _o.Momentum, WeightDecay = _o.WeightDecay, Lars = _o.Lars, Clip = _o.LarsClip,
        });
        double peak = LearningRateScaling.Scale(_o.BaseLr, _o.BatchSize);
        Schedule = new WarmupCosineSchedule(_o.StartLr, peak, peak * _o.FinalLrFraction, _o.WarmupSteps, _o.Steps);
        Checkpoints = new PretrainCheckpoint(outDir);
        if (_o.Monitor.Every > 0 && _parallel.IsLeader)
            Monitor = OnlineMonitor.Open(backend, _o.Monitor, Trunk.FeatureWidth, _o.Crops.Sizes[0], _o.Crops.Mean, _o.Crops.Std, _o.Seed + 2);
    }

    /// <summary>The data-parallel group (one rank without a launcher).</summary>
    public DataParallel Parallel => _parallel;

    /// <summary>The online monitor (null when monitor_every is 0, and on ranks other than 0).</summary>
    public OnlineMonitor? Monitor { get; }

    /// <summary>The trunk being trained.</summary>
    public RegNetModel Trunk { get; }

    /// <summary>The SwAV head.</summary>
    public SwAVHead Head { get; }

    /// <summary>The loss (with its queue and collapse detector).</summary>
    public SwAVLoss Loss { get; }

    /// <summary>LARS SGD over trunk and head parameters.</summary>
    public LarsSgd Optimizer { get; }

    /// <summary>Learning rate per update.</summary>
    public ILearningRateSchedule Schedule { get; }

    /// <summary>Checkpoint store under OUT/checkpoints.</summary>
    public PretrainCheckpoint Checkpoints { get; }

    /// <summary>
    /// Runs until <see cref="PretrainOptions.Steps"/> updates (or, with <paramref name="stopAfter"/>, until that many updates
    /// in total, checkpointing there: a time-sliced run), resuming from the latest checkpoint when asked.
    /// </summary>
    public async Task<PretrainResult> RunAsync(bool resume, CancellationToken cancel = default, long? stopAfter = null)
    {
        Directory.CreateDirectory(_outDir);
        var settings = PretrainSettings.ToJson(_o);
        _parallel.CheckConfiguration(settings);
        var position = new TrainingPosition(0, 0, 0, 0, 0);
        string? lastCheckpoint = null;
        if (resume && _parallel.IsLeader && Checkpoints.RemoveInterruptedWrites() is > 0 and var stale)
            _log.WriteLine($"removed {stale} unfinished checkpoint write(s) left by an interrupted run");
        _parallel.World.Barrier();
        if (resume && Checkpoints.Latest is { } latest)
        {
            position = Restore(latest);
            lastCheckpoint = latest;
            _log.WriteLine($"resumed from {latest} at step {position.Step}");
        }
        if (_parallel.Size > 1)
        {
            var state = Trunk.StateSlots("trunk").Concat(Head.StateSlots("head")).ToList();
            _parallel.CheckState(resume ? "the resumed model" : "the initial model", state.Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Value.Value)));
            _parallel.Broadcast(state.Select(kv => kv.Value.Value));
            _log.WriteLine($"data-parallel over {_parallel.Size} ranks ({_parallel.World.Transport}): {_localBatch} images per rank, SyncBatchNorm groups of {(_o.SyncBatchNormGroupSize is > 0 and var g && g < _parallel.Size ? g : _parallel.Size)}");
        }
        if (_parallel.IsLeader) File.WriteAllText(Path.Combine(_outDir, "settings.json"), settings);
        var stream = new PretrainBatchStream(_images, new MultiCropTransform(_o.Crops), _localBatch, _o.Seed, _o.Workers,
            rank: _parallel.World.Rank, worldSize: _parallel.Size);
        using var metrics = _parallel.IsLeader ? new StreamWriter(Path.Combine(_outDir, "metrics.jsonl"), append: resume) : StreamWriter.Null;
        using var events = _parallel.IsLeader ? new TensorBoardWriter(Path.Combine(_outDir, "tensorboard")) : null;
        var watch = Stopwatch.StartNew();
        long step = position.Step, bad = position.BadSteps, badInRow = 0, imagesSinceLog = 0;
        double lastLoss = double.NaN;
        (double Knn, double Linear)? monitored = null;
        var logClock = Stopwatch.StartNew();
        long end = Math.Min(_o.Steps, stopAfter ?? long.MaxValue);
        if (step >= end) return new PretrainResult(step, lastLoss, bad, lastCheckpoint, watch.Elapsed);

        await foreach (var batch in stream.ReadAsync(position.Epoch, position.BatchIndex, cancel).ConfigureAwait(false))
        {
            double lossValue = TrainStep(batch, step);
            imagesSinceLog += _o.BatchSize;
            if (!double.IsFinite(lossValue))
            {
                bad++;
                badInRow++;
                _log.WriteLine($"step {step}: non-finite loss ({lossValue}); update skipped ({badInRow} in a row)");
                if (badInRow >= _o.MaxBadSteps)
                {
                    var dump = Path.Combine(_outDir, $"diverged-step-{step:D8}.json");
                    if (_parallel.IsLeader)
                        PretrainCheckpoint.WriteAtomically(dump, $"{{\"step\": {step}, \"epoch\": {batch.Epoch}, \"batch_index\": {batch.Index}, \"bad_in_row\": {badInRow}, \"lr\": {Schedule.At(step).ToString(CultureInfo.InvariantCulture)}, \"last_good_checkpoint\": {JsonSerializerString(lastCheckpoint)}}}");
                    throw new TrainingDivergedException($"{badInRow} non-finite losses in a row at step {step}; diagnostics in {dump}; last good checkpoint: {lastCheckpoint ?? "none"}");
                }
            }
            else
            {
                badInRow = 0;
                lastLoss = lossValue;
            }
            step++;
            var next = NextPosition(batch, stream.BatchesPerEpoch);
            if (Monitor is not null && step % _o.Monitor.Every == 0)
            {
                logClock.Stop();                                            // img/s counts training only
                monitored = Monitor.Measure(Trunk);
                logClock.Start();
            }
            if (_o.Monitor.Every > 0 && step % _o.Monitor.Every == 0) _parallel.WaitForLeader();
            if (step % _o.LogEvery == 0 || step == _o.Steps)
            {
                double rate = imagesSinceLog / Math.Max(1e-9, logClock.Elapsed.TotalSeconds);
                double eta = (_o.Steps - step) * _o.BatchSize / Math.Max(1e-9, rate);
                _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {step}/{_o.Steps}  loss {lastLoss:F4}  lr {Schedule.At(step - 1):G4}  {rate:F1} img/s  eta {TimeSpan.FromSeconds(eta):hh\\:mm\\:ss}{MonitorText(monitored)}"));
                metrics.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"step\": {step}, \"epoch\": {batch.Epoch}, \"loss\": {Finite(lastLoss)}, \"lr\": {Schedule.At(step - 1)}, \"img_per_s\": {rate:F2}, \"elapsed_s\": {watch.Elapsed.TotalSeconds:F2}, \"bad_steps\": {bad}{GradientSyncJson()}{MonitorJson(monitored)}}}"));
                metrics.Flush();
                events?.WriteScalars(step, ("loss", lastLoss), ("lr", Schedule.At(step - 1)), ("img_per_s", rate), ("bad_steps", bad));
                if (monitored is { } me) events?.WriteScalars(step, ("monitor/knn_top1", me.Knn), ("monitor/linear_top1", me.Linear));
                imagesSinceLog = 0;
                logClock.Restart();
            }
            if (step % _o.CheckpointEvery == 0 || step == end)
            {
                var queue = QueueSharding.Gather(_parallel.World, Loss.Queue, _localBatch);          // collective
                if (_parallel.IsLeader)
                {
                    var state = new LarsSgdState([.. Optimizer.ExportState(), .. queue.Select(kv => new KeyValuePair<string, Tensor>("queue." + kv.Key, kv.Value))]);
                    lastCheckpoint = Checkpoints.Save(_o.Arch, Trunk, Head, state, new TrainingPosition(step, next.Epoch, next.Index, bad, (Loss.Queue?.Filled ?? 0) * _parallel.Size), settings);
                }
                else lastCheckpoint = Path.Combine(Checkpoints.Root, $"step-{step:D8}");
                _parallel.WaitForLeader();
            }
            if (step >= end) break;
        }
        return new PretrainResult(step, lastLoss, bad, lastCheckpoint, watch.Elapsed);
    }

    /// <summary>One update; returns the loss (a non-finite loss leaves weights and momentum untouched).</summary>
    public double TrainStep(PretrainBatch batch, long step)
    {
        using var scope = _backend.NewScope();
        SwAVHeadOutput output;
        using (_backend.Autocast(_computeDType))   // bf16: convolutions and matrix products in bf16 on fp32 master weights
        {
            var features = batch.Groups
                .Select(g => Trunk.ForwardFeatures(_backend.FromArray(g.Pixels, g.Shape)))   // [crops·B, w] per resolution
                .ToList();
            var all = features.Count == 1 ? features[0] : _backend.Cat(features, 0);        // [(Σ crops)·B, w], crop-major
            output = Head.ForwardWithEmbeddings(all);
        }
        var loss = Loss.Forward(output, Head, step);                                        // Sinkhorn and loss in fp32
        double value = loss.Item();
        if (_parallel.Size > 1) value = _parallel.Mean(value);                              // the global batch's loss; all ranks agree on finiteness
        if (!double.IsFinite(value))
        {
            Optimizer.ZeroGrad();
            return value;
        }
        loss.Backward();
        if (_parallel.Size > 1)
        {
            long started = Stopwatch.GetTimestamp();
            _parallel.AverageGradients([.. _parameters.Select(p => _backend.Grad(p.Value)).OfType<Tensor>()]);   // ḡ = (1/W) Σ_r g_r
            _gradientSyncTicks += Stopwatch.GetTimestamp() - started;
        }
        Head.FreezePrototypes(step, _o.FreezePrototypes);
        Optimizer.LearningRate = Schedule.At(step);
        Optimizer.Step();
        Optimizer.ZeroGrad();
        Head.NormalizePrototypes();
        return value;
    }

    private TrainingPosition Restore(string folder)
    {
        ComponentCheckpoint.Load(Trunk, Path.Combine(folder, "trunk.safetensors"));
        ComponentCheckpoint.Load(Head, Path.Combine(folder, "head.safetensors"));
        var position = PretrainCheckpoint.ReadPosition(folder);
        var tensors = PretrainCheckpoint.ReadOptimizer(folder, _backend);
        Optimizer.ImportState(tensors.Where(kv => !kv.Key.StartsWith("queue.", StringComparison.Ordinal)));
        if (Loss.Queue is { } queue)
        {
            var q = tensors.Where(kv => kv.Key.StartsWith("queue.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key["queue.".Length..], kv => kv.Value);
            if (q.Count > 0) queue.ImportState(QueueSharding.Slice(q, _parallel.World.Rank, _parallel.Size, _localBatch), position.QueueFilled / _parallel.Size);
        }
        return position;
    }

    private static (long Epoch, long Index) NextPosition(PretrainBatch batch, long perEpoch) =>
        batch.Index + 1 >= perEpoch ? (batch.Epoch + 1, 0) : (batch.Epoch, batch.Index + 1);

    /// <summary>"  knn K %  linear L %" for the progress line (empty without a monitor result).</summary>
    /// <summary>Distributed runs: <c>, "grad_allreduce_s": T</c>, rank 0's time in gradient averaging (waiting for the slower rank included) since the last record.</summary>
    private string GradientSyncJson()
    {
        if (_parallel.Size == 1) return "";
        double seconds = _gradientSyncTicks / (double)Stopwatch.Frequency;
        _gradientSyncTicks = 0;
        return string.Create(CultureInfo.InvariantCulture, $", \"grad_allreduce_s\": {seconds:F4}");
    }

    private static string MonitorText((double Knn, double Linear)? m) =>
        m is { } v ? string.Create(CultureInfo.InvariantCulture, $"  knn {v.Knn:F2} %  linear {v.Linear:F2} %") : "";

    /// <summary>The monitor's fields of a metrics.jsonl record (empty without a monitor result).</summary>
    private static string MonitorJson((double Knn, double Linear)? m) =>
        m is { } v ? $", \"monitor_knn_top1\": {Finite(v.Knn)}, \"monitor_linear_top1\": {Finite(v.Linear)}" : "";

    private static string Finite(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static string JsonSerializerString(string? s) => s is null ? "null" : JsonEncodedText.Encode(s).ToString() is var e ? $"\"{e}\"" : "null";
}
