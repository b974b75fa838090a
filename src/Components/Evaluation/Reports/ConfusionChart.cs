using System.Globalization;
using SkiaSharp;

namespace Seer.Toolkit.Components.Evaluation.Reports;

/// <summary>A PNG heat map of a confusion matrix: cell shade = C[t, p] / Σ_p C[t, p] (rows: true class, columns: predicted), counts written in the cells.</summary>
public static class ConfusionChart
{
    /// <summary>Draws <paramref name="matrix"/> with <paramref name="classNames"/> on the axes to <paramref name="path"/>.</summary>
    public static void Save(string path, string title, ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        int k = matrix.Classes;
        int cell = Math.Clamp(560 / Math.Max(1, k), 4, 60), margin = 140, size = margin + k * cell + 30;
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };
        using var count = ChartStyle.Text(Math.Min(12, cell / 3f), SKTextAlign.Center);
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++)
            {
                double share = matrix.RowShare(r, c);
                byte shade = (byte)Math.Round(255 * (1 - share));
                fill.Color = new SKColor(shade, shade, 255);
                float x = margin + c * cell, y = margin + r * cell;
                canvas.DrawRect(x, y, cell, cell, fill);
                if (cell >= 24)
                {
                    count.Color = share > 0.5 ? SKColors.White : SKColors.Black;
                    canvas.DrawText(matrix[r, c].ToString(CultureInfo.InvariantCulture), x + cell / 2f, y + cell / 2f + 4, count);
                }
            }
        using var grid = ChartStyle.Stroke(SKColors.Gray, 1);
        canvas.DrawRect(margin, margin, k * cell, k * cell, grid);
        if (cell >= 10)
        {
            using var name = ChartStyle.Text(Math.Min(12, cell * 0.8f), SKTextAlign.Right);
            using var column = ChartStyle.Text(Math.Min(12, cell * 0.8f));
            for (int i = 0; i < k; i++)
            {
                string text = i < classNames.Count ? classNames[i] : i.ToString(CultureInfo.InvariantCulture);
                canvas.DrawText(text, margin - 6, margin + i * cell + cell / 2f + 4, name);
                canvas.Save();
                canvas.RotateDegrees(-90, margin + i * cell + cell / 2f + 4, margin - 6);
                canvas.DrawText(text, margin + i * cell + cell / 2f + 4, margin - 6, column);   // reads upwards from the grid
                canvas.Restore();
            }
        }
        using var titlePaint = ChartStyle.Text(15);
        canvas.DrawText(title, 10, 22, titlePaint);
        using var axes = ChartStyle.Text(12);
        canvas.DrawText("rows: true class, columns: predicted", 10, 40, axes);
        ChartStyle.SavePng(surface, path);
    }
}
