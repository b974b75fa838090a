using SkiaSharp;

namespace Seer.Toolkit.Components.Evaluation.Reports;

/// <summary>Shared look of the report charts: canvas size, margins, fonts and the series palette (Tableau 10).</summary>
internal static class ChartStyle
{
    public const int Width = 800, Height = 500, Left = 80, Right = 30, Top = 50, Bottom = 60;

    public static readonly SKColor[] Palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf),
    ];

    public static SKPaint Text(float size, SKTextAlign align = SKTextAlign.Left) =>
        new() { Color = SKColors.Black, TextSize = size, IsAntialias = true, TextAlign = align, Typeface = SKTypeface.Default };

    public static SKPaint Stroke(SKColor color, float width) =>
        new() { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };

    /// <summary>Encodes the surface as PNG to <paramref name="path"/> (written to a temporary file, then renamed).</summary>
    public static void SavePng(SKSurface surface, string path)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var tmp = path + ".tmp";
        using (var file = File.Create(tmp)) data.SaveTo(file);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>About five "nice" tick values (1, 2, 5 × 10^k steps) covering [lo, hi].</summary>
    public static IReadOnlyList<double> Ticks(double lo, double hi)
    {
        double span = hi - lo;
        if (!(span > 0)) return [lo];
        double raw = span / 5, mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        var ticks = new List<double>();
        for (double t = Math.Ceiling(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.Add(Math.Round(t / step) * step);
        return ticks;
    }
}
