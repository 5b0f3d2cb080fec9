namespace Live.Audio.Tests;

/// <summary>Test signals and measurements: sines, and the amplitude/residual of a sine fitted at a known frequency.</summary>
internal static class Signals
{
    public static short[] Sine(double frequency, int sampleRate, int count, double amplitude = 16000, double phase = 0)
    {
        var samples = new short[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin((2 * Math.PI * frequency * i / sampleRate) + phase));
        }

        return samples;
    }

    /// <summary>
    /// Fits a·sin + b·cos at <paramref name="frequency"/> over the samples [from, to) by least squares and returns the
    /// fitted amplitude and the RMS of what is left (everything that is not that sine: aliases, images, noise).
    /// </summary>
    public static (double Amplitude, double ResidualRms) Fit(short[] samples, double frequency, int sampleRate, int from, int to)
    {
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int i = from; i < to; i++)
        {
            double w = 2 * Math.PI * frequency * i / sampleRate;
            double s = Math.Sin(w), c = Math.Cos(w);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += samples[i] * s;
            yc += samples[i] * c;
        }

        double det = (ss * cc) - (sc * sc);
        double a = ((ys * cc) - (yc * sc)) / det;
        double b = ((yc * ss) - (ys * sc)) / det;
        double residual = 0;
        for (int i = from; i < to; i++)
        {
            double w = 2 * Math.PI * frequency * i / sampleRate;
            double e = samples[i] - ((a * Math.Sin(w)) + (b * Math.Cos(w)));
            residual += e * e;
        }

        return (Math.Sqrt((a * a) + (b * b)), Math.Sqrt(residual / (to - from)));
    }

    public static double Rms(short[] samples, int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += (double)samples[i] * samples[i];
        }

        return Math.Sqrt(sum / (to - from));
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);
}
