using System.Globalization;
using SkiaSharp;

namespace Seer.Toolkit.Components.Evaluation.Reports;

/// <summary>A PNG line chart (markers at the points) with axes, nice ticks, a title and a legend, drawn with SkiaSharp.</summary>
public static class LineChart
{
    /// <summary>Draws <paramref name="series"/> to <paramref name="path"/>; optional fixed y range, log-scaled x when <paramref name="logX"/>.</summary>
    public static void Save(string path, string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series,
        (double Min, double Max)? yRange = null, bool logX = false)
    {
        var points = series.Select(s => s.X.Zip(s.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!logX || p.First > 0)).ToArray()).ToArray();
        var all = points.SelectMany(p => p).ToArray();
        Func<double, double> fx = logX ? Math.Log10 : x => x;
        double x0 = all.Length == 0 ? 0 : all.Min(p => fx(p.First)), x1 = all.Length == 0 ? 1 : all.Max(p => fx(p.First));
        double y0 = yRange?.Min ?? (all.Length == 0 ? 0 : all.Min(p => p.Second)), y1 = yRange?.Max ?? (all.Length == 0 ? 1 : all.Max(p => p.Second));
        if (x1 - x0 < 1e-12) (x0, x1) = (x0 - 0.5, x1 + 0.5);
        if (y1 - y0 < 1e-12) (y0, y1) = (y0 - 0.5, y1 + 0.5);
        if (yRange is null) (y0, y1) = (y0 - 0.05 * (y1 - y0), y1 + 0.05 * (y1 - y0));
        const int l = ChartStyle.Left, t = ChartStyle.Top, w = ChartStyle.Width - ChartStyle.Left - ChartStyle.Right, h = ChartStyle.Height - ChartStyle.Top - ChartStyle.Bottom;
        float Px(double x) => (float)(l + (fx(x) - x0) / (x1 - x0) * w);
        float Py(double y) => (float)(t + h - (y - y0) / (y1 - y0) * h);

        using var surface = SKSurface.Create(new SKImageInfo(ChartStyle.Width, ChartStyle.Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var axis = ChartStyle.Stroke(SKColors.Black, 1);
        using var grid = ChartStyle.Stroke(new SKColor(0xdd, 0xdd, 0xdd), 1);
        using var tick = ChartStyle.Text(12, SKTextAlign.Center);
        using var tickRight = ChartStyle.Text(12, SKTextAlign.Right);
        foreach (var yv in ChartStyle.Ticks(y0, y1))
        {
            canvas.DrawLine(l, Py(yv), l + w, Py(yv), grid);
            canvas.DrawText(yv.ToString("G4", CultureInfo.InvariantCulture), l - 6, Py(yv) + 4, tickRight);
        }
        var xTicks = logX ? ChartStyle.Ticks(x0, x1).Where(v => Math.Abs(v - Math.Round(v)) < 1e-9).Select(v => Math.Pow(10, v)).ToList()
            : ChartStyle.Ticks(x0, x1).ToList();
        if (logX) xTicks.AddRange(all.Select(p => p.First).Distinct());
        foreach (var xv in xTicks.Distinct())
        {
            canvas.DrawLine(Px(xv), t, Px(xv), t + h, grid);
            canvas.DrawText(xv.ToString("G4", CultureInfo.InvariantCulture), Px(xv), t + h + 18, tick);
        }
        canvas.DrawRect(l, t, w, h, axis);
        for (int s = 0; s < points.Length; s++)
        {
            var color = ChartStyle.Palette[s % ChartStyle.Palette.Length];
            using var line = ChartStyle.Stroke(color, 2);
            using var dot = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            var pts = points[s].OrderBy(p => p.First).ToArray();
            for (int i = 1; i < pts.Length; i++) canvas.DrawLine(Px(pts[i - 1].First), Py(pts[i - 1].Second), Px(pts[i].First), Py(pts[i].Second), line);
            foreach (var p in pts) canvas.DrawCircle(Px(p.First), Py(p.Second), 3.5f, dot);
            using var legend = ChartStyle.Text(13);
            legend.Color = color;
            canvas.DrawText(series[s].Name, l + 10, t + 18 + 16 * s, legend);
        }
        using var titlePaint = ChartStyle.Text(16, SKTextAlign.Center);
        canvas.DrawText(title, ChartStyle.Width / 2f, 30, titlePaint);
        using var label = ChartStyle.Text(13, SKTextAlign.Center);
        canvas.DrawText(xLabel, l + w / 2f, ChartStyle.Height - 15, label);
        canvas.Save();
        canvas.RotateDegrees(-90, 20, t + h / 2f);
        canvas.DrawText(yLabel, 20, t + h / 2f, label);
        canvas.Restore();
        ChartStyle.SavePng(surface, path);
    }
}
