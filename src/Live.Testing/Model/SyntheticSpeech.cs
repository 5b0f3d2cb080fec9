namespace Live.Testing;

/// <summary>
/// Stand-in model audio for rule mode: a soft tone per word, 16-bit little-endian PCM at 24 kHz mono, so an audio
/// session gets real audio bytes whose length follows the words spoken.
/// </summary>
internal static class SyntheticSpeech
{
    public const int SampleRate = 24000;

    private static readonly TimeSpan s_perWord = TimeSpan.FromMilliseconds(180);
    private static readonly TimeSpan s_gap = TimeSpan.FromMilliseconds(60);
    private const int MaxWords = 40;

    public static byte[] Generate(string text)
    {
        int words = Math.Clamp(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, MaxWords);
        int toneSamples = (int)(SampleRate * s_perWord.TotalSeconds);
        int gapSamples = (int)(SampleRate * s_gap.TotalSeconds);
        var pcm = new byte[words * (toneSamples + gapSamples) * 2];
        int offset = 0;
        for (int w = 0; w < words; w++)
        {
            double frequency = 180 + (40 * (w % 4));
            for (int i = 0; i < toneSamples; i++)
            {
                double envelope = Math.Sin(Math.PI * i / toneSamples);
                short sample = (short)(2500 * envelope * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
                pcm[offset++] = (byte)sample;
                pcm[offset++] = (byte)(sample >> 8);
            }

            offset += gapSamples * 2;
        }

        return pcm;
    }
}
