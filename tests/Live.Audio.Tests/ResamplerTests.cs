using Xunit.Abstractions;

namespace Live.Audio.Tests;

public class ResamplerTests(ITestOutputHelper log)
{
    public static TheoryData<int, int> RatePairs()
    {
        var data = new TheoryData<int, int>();
        int[] rates = [8000, 16000, 24000, 48000];
        foreach (int from in rates)
        {
            foreach (int to in rates)
            {
                if (from != to)
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void A_1kHz_sine_keeps_its_frequency_and_level(int from, int to)
    {
        short[] input = Signals.Sine(1000, from, from / 2, amplitude: 16000);
        short[] output = PcmResampler.Resample(input, from, to);

        Assert.Equal((input.Length * (long)to + from - 1) / from, output.Length);
        // Skip the edges, where the filter sees the silence before and after the signal.
        int margin = to / 50;
        (double amplitude, double residual) = Signals.Fit(output, 1000, to, margin, output.Length - margin);
        Assert.InRange(Signals.Db(amplitude / 16000), -0.05, 0.05);
        // Everything that is not the 1 kHz sine at the output rate (other frequencies, images, noise) is over 60 dB down.
        double snr = Signals.Db(amplitude / Math.Sqrt(2) / residual);
        log.WriteLine($"{from}→{to}: level {Signals.Db(amplitude / 16000):0.000} dB, SNR {snr:0.0} dB");
        Assert.True(snr > 60, $"{from}→{to}: SNR {snr:0.0} dB");
    }

    [Theory]
    [InlineData(16000, 8000, 6000)]
    [InlineData(16000, 8000, 4500)]
    [InlineData(24000, 8000, 7000)]
    [InlineData(48000, 8000, 5000)]
    [InlineData(24000, 16000, 10000)]
    [InlineData(48000, 16000, 12000)]
    [InlineData(48000, 24000, 13000)]
    public void Tones_above_the_new_Nyquist_frequency_are_attenuated_instead_of_aliased(int from, int to, double tone)
    {
        short[] input = Signals.Sine(tone, from, from / 2, amplitude: 16000);
        short[] output = PcmResampler.Resample(input, from, to);

        int margin = to / 50;
        double rms = Signals.Rms(output, margin, output.Length - margin);
        double attenuation = Signals.Db(rms / (16000 / Math.Sqrt(2)));
        log.WriteLine($"{tone} Hz at {from}→{to}: {attenuation:0.0} dB");
        // Without filtering, the tone would fold back at full level (0 dB).
        Assert.True(attenuation < -60, $"{tone} Hz at {from}→{to}: {attenuation:0.0} dB");
    }

    [Fact]
    public void A_naive_decimator_would_fail_the_aliasing_check()
    {
        // The check above can fail: dropping every other sample folds 6 kHz to 2 kHz at full level.
        short[] input = Signals.Sine(6000, 16000, 8000);
        short[] naive = input.Where((_, i) => i % 2 == 0).ToArray();
        Assert.True(Signals.Db(Signals.Rms(naive, 100, naive.Length - 100) / (16000 / Math.Sqrt(2))) > -1);
    }

    [Theory]
    [InlineData(16000, 8000, 3000)]
    [InlineData(8000, 16000, 3000)]
    [InlineData(24000, 16000, 6000)]
    [InlineData(16000, 24000, 6000)]
    public void The_passband_is_flat_up_to_80_percent_of_the_lower_Nyquist_frequency(int from, int to, double tone)
    {
        short[] resampled = PcmResampler.Resample(Signals.Sine(tone, from, from / 2, amplitude: 16000), from, to);
        int margin = to / 50;
        (double amplitude, _) = Signals.Fit(resampled, tone, to, margin, resampled.Length - margin);
        log.WriteLine($"{tone} Hz at {from}→{to}: {Signals.Db(amplitude / 16000):0.000} dB");
        Assert.InRange(Signals.Db(amplitude / 16000), -0.1, 0.1);
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 24000)]
    [InlineData(24000, 16000)]
    [InlineData(48000, 8000)]
    public void Streaming_in_uneven_chunks_gives_the_same_samples_as_one_call(int from, int to)
    {
        short[] input = Signals.Sine(700, from, from / 3, amplitude: 12000);
        short[] whole = PcmResampler.Resample(input, from, to);

        var resampler = new PcmResampler(from, to);
        var streamed = new List<short>();
        var random = new Random(7);
        int position = 0;
        while (position < input.Length)
        {
            int size = Math.Min(random.Next(0, 333), input.Length - position);
            var chunk = new short[resampler.GetMaxOutputLength(size)];
            int written = resampler.Process(input.AsSpan(position, size), chunk);
            streamed.AddRange(chunk.AsSpan(0, written).ToArray());
            position += size;
        }

        var tail = new short[resampler.GetMaxOutputLength(0)];
        streamed.AddRange(tail.AsSpan(0, resampler.Flush(tail)).ToArray());
        Assert.Equal(whole, streamed.ToArray());
    }

    [Fact]
    public void Output_lags_the_input_by_the_documented_latency_only()
    {
        var resampler = new PcmResampler(8000, 16000);
        short[] input = Signals.Sine(500, 8000, 800);
        var output = new short[resampler.GetMaxOutputLength(input.Length)];
        int written = resampler.Process(input, output);
        int heldBack = output.Length - written;
        double held = heldBack / 16000.0;
        Assert.InRange(held, 0, resampler.Latency.TotalSeconds + (1 / 16000.0));
        Assert.True(resampler.Latency < TimeSpan.FromMilliseconds(5), resampler.Latency.ToString());
    }

    [Fact]
    public void Same_rate_is_the_identity()
    {
        short[] input = Signals.Sine(1234, 16000, 999);
        Assert.Equal(input, PcmResampler.Resample(input, 16000, 16000));
    }

    [Fact]
    public void Pcm16_bytes_resample_like_samples()
    {
        short[] input = Signals.Sine(440, 24000, 2400);
        Assert.Equal(Pcm16.ToBytes(PcmResampler.Resample(input, 24000, 8000)), PcmResampler.ResamplePcm16(Pcm16.ToBytes(input), 24000, 8000));
        Assert.Throws<ArgumentException>(() => PcmResampler.ResamplePcm16(new byte[3], 24000, 8000));
    }

    [Fact]
    public void Full_scale_input_saturates_instead_of_wrapping()
    {
        // A full-scale sine overshoots slightly after filtering; the peaks must clip at ±32767, never wrap to the other sign.
        short[] input = Signals.Sine(1000, 16000, 1600, amplitude: 32767.4);
        short[] output = PcmResampler.Resample(input, 16000, 24000);
        for (int i = 200; i < output.Length - 200; i++)
        {
            double ideal = Math.Clamp(32767.4 * Math.Sin(2 * Math.PI * 1000 * i / 24000), -32768, 32767);
            Assert.True(Math.Abs(output[i] - ideal) < 100, $"sample {i}: {output[i]}, expected about {ideal:0}");
        }
    }

    [Fact]
    public void Bad_rates_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcmResampler(0, 8000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcmResampler(8000, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcmResampler(44101, 48000));
    }
}
