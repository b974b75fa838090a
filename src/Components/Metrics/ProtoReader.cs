using System.Buffers.Binary;
using System.Text;

namespace Seer.Toolkit.Metrics;

/// <summary>Walks the fields of one protobuf message; unknown fields are skipped, malformed input is <see cref="InvalidDataException"/>.</summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;
    private int _wireType;

    public bool Next(out int field)
    {
        field = 0;
        if (_rest.IsEmpty) return false;
        ulong tag = Varint();
        field = (int)(tag >> 3);
        _wireType = (int)(tag & 7);
        if (field == 0) throw new InvalidDataException("protobuf field number 0");
        return true;
    }

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(1, 8));

    public float Float() => BinaryPrimitives.ReadSingleLittleEndian(Take(5, 4));

    public long Int64()
    {
        Expect(0);
        return (long)Varint();
    }

    public ReadOnlySpan<byte> Bytes()
    {
        Expect(2);
        ulong n = Varint();
        if (n > (ulong)_rest.Length) throw new InvalidDataException("protobuf length past the end of the message");
        var value = _rest[..(int)n];
        _rest = _rest[(int)n..];
        return value;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    public void Skip()
    {
        switch (_wireType)
        {
            case 0: Varint(); break;
            case 1: Take(1, 8); break;
            case 2: Bytes(); break;
            case 5: Take(5, 4); break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {_wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int wireType, int n)
    {
        Expect(wireType);
        if (_rest.Length < n) throw new InvalidDataException("protobuf value past the end of the message");
        var value = _rest[..n];
        _rest = _rest[n..];
        return value;
    }

    private readonly void Expect(int wireType)
    {
        if (_wireType != wireType) throw new InvalidDataException($"protobuf wire type {_wireType}, expected {wireType}");
    }

    private ulong Varint()
    {
        ulong v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_rest.IsEmpty) throw new InvalidDataException("protobuf varint past the end of the message");
            byte b = _rest[0];
            _rest = _rest[1..];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }
}
