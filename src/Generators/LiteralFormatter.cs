using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Seer.Toolkit.Generators;

/// <summary>Writes constant values as C# literals that round-trip exactly.</summary>
internal static class LiteralFormatter
{
    /// <summary>A quoted, escaped string literal.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>true or false.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>An int literal.</summary>
    public static string Int32(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A long literal with the L suffix.</summary>
    public static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A double literal (always with a decimal point or exponent), or a named constant for NaN and infinities.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.IndexOfAny(['.', 'e']) >= 0 ? text : text + ".0";
    }

    /// <summary>A float literal with the f suffix, or a named constant for NaN and infinities.</summary>
    public static string Single(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e') + "f";
    }
}
