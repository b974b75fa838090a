namespace Seer.Toolkit.Metrics;

/// <summary>The events of one event file and whether its last record was cut off.</summary>
public sealed record EventFile(IReadOnlyList<TensorBoardEvent> Events, bool Truncated);

/// <summary>Reads a TensorBoard event file written by <see cref="TensorBoardWriter"/> (or by TensorFlow/PyTorch; non-scalar data is skipped).</summary>
public static class EventFileReader
{
    /// <summary>Every complete event; CRC mismatches and malformed protobuf are <see cref="InvalidDataException"/>.</summary>
    public static EventFile Read(string path)
    {
        var records = TfRecordReader.ReadFile(path);
        return new EventFile([.. records.Records.Select(r => TensorBoardEvent.Decode(r))], records.Truncated);
    }
}
