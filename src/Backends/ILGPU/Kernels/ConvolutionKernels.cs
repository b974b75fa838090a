using ILGPU;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Direct grouped 2-D cross-correlation and its two gradients, one thread per output element of each (grid-stride).</summary>
public static class ConvolutionKernels
{
    /// <summary>y[n,o,i,j] = b[o] + Σ_{c<C/G, u, v} w[o,c,u,v] · x[n, g·C/G + c, i·s − p + u·d, j·s − p + v·d] (zero outside), g = o / (O/G).</summary>
    public static void Forward(ArrayView<float> x, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y,
        ConvGeometry g, int hasBias)
    {
        int total = y.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int j = idx % g.OW;
            int i = idx / g.OW % g.OH;
            int o = idx / (g.OW * g.OH) % g.O;
            int n = idx / (g.OW * g.OH * g.O);
            int cin = g.GroupIn;
            int c0 = o / g.GroupOut * cin;
            float acc = hasBias != 0 ? bias[o] : 0f;
            for (int c = 0; c < cin; c++)
            {
                int xPlane = (n * g.C + c0 + c) * g.H;
                int wPlane = (o * cin + c) * g.KH;
                for (int u = 0; u < g.KH; u++)
                {
                    int h = i * g.Stride - g.Padding + u * g.Dilation;
                    if (h < 0 || h >= g.H) continue;
                    for (int v = 0; v < g.KW; v++)
                    {
                        int ww = j * g.Stride - g.Padding + v * g.Dilation;
                        if (ww < 0 || ww >= g.W) continue;
                        acc += w[(wPlane + u) * g.KW + v] * x[(xPlane + h) * g.W + ww];
                    }
                }
            }
            y[idx] = acc;
        }
    }

    /// <summary>
    /// ∂L/∂x[n,c,h,w] = Σ_{o∈group(c), u, v : (h + p − u·d) = i·s, (w + p − v·d) = j·s} ∂L/∂y[n,o,i,j] · w[o, c mod C/G, u, v].
    /// </summary>
    public static void BackwardInput(ArrayView<float> gy, ArrayView<float> w, ArrayView<float> gx, ConvGeometry g)
    {
        int total = gx.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int xw = idx % g.W;
            int xh = idx / g.W % g.H;
            int c = idx / (g.W * g.H) % g.C;
            int n = idx / (g.W * g.H * g.C);
            int cin = g.GroupIn;
            int cl = c % cin;
            int o0 = c / cin * g.GroupOut;
            float acc = 0f;
            for (int ol = 0; ol < g.GroupOut; ol++)
            {
                int o = o0 + ol;
                for (int u = 0; u < g.KH; u++)
                {
                    int ts = xh + g.Padding - u * g.Dilation;
                    if (ts < 0 || ts % g.Stride != 0) continue;
                    int i = ts / g.Stride;
                    if (i >= g.OH) continue;
                    for (int v = 0; v < g.KW; v++)
                    {
                        int tw = xw + g.Padding - v * g.Dilation;
                        if (tw < 0 || tw % g.Stride != 0) continue;
                        int j = tw / g.Stride;
                        if (j >= g.OW) continue;
                        acc += gy[((n * g.O + o) * g.OH + i) * g.OW + j] * w[((o * cin + cl) * g.KH + u) * g.KW + v];
                    }
                }
            }
            gx[idx] = acc;
        }
    }

    /// <summary>∂L/∂w[o,c,u,v] = Σ_{n,i,j} ∂L/∂y[n,o,i,j] · x[n, g·C/G + c, i·s − p + u·d, j·s − p + v·d].</summary>
    public static void BackwardWeight(ArrayView<float> x, ArrayView<float> gy, ArrayView<float> gw, ConvGeometry g)
    {
        int total = gw.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int v = idx % g.KW;
            int u = idx / g.KW % g.KH;
            int cin = g.GroupIn;
            int c = idx / (g.KW * g.KH) % cin;
            int o = idx / (g.KW * g.KH * cin);
            int xc = o / g.GroupOut * cin + c;
            float acc = 0f;
            for (int n = 0; n < g.N; n++)
            {
                for (int i = 0; i < g.OH; i++)
                {
                    int h = i * g.Stride - g.Padding + u * g.Dilation;
                    if (h < 0 || h >= g.H) continue;
                    for (int j = 0; j < g.OW; j++)
                    {
                        int ww = j * g.Stride - g.Padding + v * g.Dilation;
                        if (ww < 0 || ww >= g.W) continue;
                        acc += gy[((n * g.O + o) * g.OH + i) * g.OW + j] * x[((n * g.C + xc) * g.H + h) * g.W + ww];
                    }
                }
            }
            gw[idx] = acc;
        }
    }
}
