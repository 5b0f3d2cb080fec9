namespace Live.Audio.Tests;

public class MuLawTests
{
    [Theory]
    [InlineData((short)0, (byte)0xFF)]
    [InlineData((short)-1, (byte)0x7F)]
    [InlineData((short)32767, (byte)0x80)]
    [InlineData((short)-32768, (byte)0x00)]
    [InlineData((short)1000, (byte)0xCE)]
    [InlineData((short)-1000, (byte)0x4E)]
    public void Encodes_the_G711_reference_values(short sample, byte expected) =>
        Assert.Equal(expected, MuLaw.EncodeSample(sample));

    [Theory]
    [InlineData((byte)0xFF, (short)0)]
    [InlineData((byte)0x7F, (short)0)]
    [InlineData((byte)0x80, (short)32124)]
    [InlineData((byte)0x00, (short)-32124)]
    [InlineData((byte)0xCE, (short)988)]
    public void Decodes_the_G711_reference_values(byte code, short expected) =>
        Assert.Equal(expected, MuLaw.DecodeSample(code));

    [Fact]
    public void Every_code_survives_decode_then_encode()
    {
        for (int code = 0; code < 256; code++)
        {
            byte back = MuLaw.EncodeSample(MuLaw.DecodeSample((byte)code));
            // 0x7F is "negative zero": it decodes to 0, which encodes as 0xFF.
            Assert.Equal(code == 0x7F ? 0xFF : code, back);
        }
    }

    [Fact]
    public void Every_sample_round_trips_within_half_a_quantisation_step()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            short decoded = MuLaw.DecodeSample(MuLaw.EncodeSample((short)x));
            int magnitude = Math.Min(Math.Abs(x), 32635);
            // Step at exponent e is 2^(e+3) and |x| + 132 ≥ 2^(e+7): the error is at most (|x| + 132) / 32.
            double bound = (magnitude + 132) / 32.0;
            double error = Math.Abs(decoded - Math.Clamp(x, -32635, 32635));
            Assert.True(error <= bound, $"x={x}: decoded {decoded}, error {error} > {bound}");
            Assert.True(x >= 0 ? decoded >= 0 : decoded <= 0, $"x={x}: the sign changed ({decoded})");
        }
    }

    [Fact]
    public void A_speech_level_sine_keeps_over_30_dB_SNR()
    {
        short[] sine = Signals.Sine(440, 8000, 8000, amplitude: 8000);
        var codes = new byte[sine.Length];
        var decoded = new short[sine.Length];
        MuLaw.Encode(sine, codes);
        MuLaw.Decode(codes, decoded);

        double noise = 0, signal = 0;
        for (int i = 0; i < sine.Length; i++)
        {
            signal += (double)sine[i] * sine[i];
            noise += (double)(decoded[i] - sine[i]) * (decoded[i] - sine[i]);
        }

        double snr = 10 * Math.Log10(signal / noise);
        Assert.True(snr > 30, $"SNR {snr:0.0} dB");
    }

    [Fact]
    public void Pcm16_byte_helpers_match_the_sample_helpers()
    {
        short[] sine = Signals.Sine(1000, 8000, 160);
        byte[] pcm = Pcm16.ToBytes(sine);
        var fromSamples = new byte[160];
        var fromBytes = new byte[160];
        MuLaw.Encode(sine, fromSamples);
        Assert.Equal(160, MuLaw.EncodePcm16(pcm, fromBytes));
        Assert.Equal(fromSamples, fromBytes);

        var back = new byte[320];
        Assert.Equal(320, MuLaw.DecodeToPcm16(fromBytes, back));
        var decoded = new short[160];
        MuLaw.Decode(fromBytes, decoded);
        Assert.Equal(decoded, Pcm16.ToSamples(back));
    }

    [Fact]
    public void Bad_sizes_are_rejected_not_truncated()
    {
        Assert.Throws<ArgumentException>(() => MuLaw.EncodePcm16(new byte[3], new byte[8]));
        Assert.Throws<ArgumentException>(() => MuLaw.EncodePcm16(new byte[8], new byte[3]));
        Assert.Throws<ArgumentException>(() => MuLaw.DecodeToPcm16(new byte[4], new byte[7]));
        Assert.Throws<ArgumentException>(() => MuLaw.Encode(new short[4], new byte[3]));
        Assert.Throws<ArgumentException>(() => MuLaw.Decode(new byte[4], new short[3]));
    }
}
