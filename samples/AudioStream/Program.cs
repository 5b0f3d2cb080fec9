// Streams a real speech recording to a Live session in realtime-sized chunks and prints what comes back:
// the transcription of what was said, the model's audio (byte counts) and the transcription of its answer.
//
//   dotnet run --project samples/AudioStream
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API; otherwise to the embedded Live emulator.
//
// question.pcm is "What is the weather in Tokyo?" spoken by eSpeak NG and converted by SoX (Debian 12:
// espeak-ng 1.51, sox 14.4.2) to 16 kHz mono signed 16-bit little-endian raw PCM, the Live API's input format, with
// 0.1 s of silence before and 0.6 s after (so a voice-activity detector sees the end of the question):
//
//   espeak-ng -v en-us -s 150 -w question.wav "What is the weather in Tokyo?"
//   sox question.wav -r 16000 -c 1 -b 16 -e signed-integer -L -t raw question.pcm pad 0.1 0.6
using System.Diagnostics;
using System.Globalization;
using Live;
using Live.Testing;

const string Model = "gemini-live-2.5-flash-preview";
const int SampleRate = 16_000;
const int BytesPerSecond = SampleRate * 2;           // 16-bit mono
const int ChunkBytes = BytesPerSecond / 10;          // 100 ms = 3,200 bytes, as a microphone would deliver it
const string RecordedWords = "What is the weather in Tokyo?";

// The official clients read GOOGLE_API_KEY first, then GEMINI_API_KEY; so does new Client(). The key is never printed.
string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
Console.WriteLine(keyVariable is null
    ? "Live.Tools AudioStream sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools AudioStream sample — online: Gemini Live API, model {Model} (API key from {keyVariable})");

var clock = Stopwatch.StartNew();
try
{
    byte[] recording = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "question.pcm"));

    await using LiveEmulator? emulator = keyVariable is null ? await LiveEmulator.StartAsync() : null;
    Client client;
    if (emulator is null)
    {
        client = new Client();
    }
    else
    {
        // The emulator's "model" answers streamed audio when the stream ends. It does not recognise speech, so its
        // input transcription is the sentence the recording was made from; its answer is built from the audio it
        // actually received, spoken as synthetic audio with an output transcription, as the service answers.
        emulator.OnAudio(turn => turn
            .TranscribeInput(RecordedWords)
            .Say(string.Create(
                CultureInfo.InvariantCulture,
                $"I heard {turn.AudioDuration.TotalSeconds:0.0} seconds of audio, {turn.Audio.Length:N0} bytes at {turn.AudioSampleRate} hertz.")));
        client = emulator.CreateClient();
    }

    var config = new LiveConnectConfig
    {
        ResponseModalities = [Modality.Audio],
        InputAudioTranscription = new AudioTranscriptionConfig(),
        OutputAudioTranscription = new AudioTranscriptionConfig(),
    };

    using var timeout = new CancellationTokenSource(emulator is null ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(25));
    await using AsyncSession session = await client.Live.ConnectAsync(Model, config, timeout.Token);

    // Receive while sending, as a voice app does: the service may answer before the stream ends.
    Task<Summary> receiving = ReceiveAnswerAsync(session, timeout.Token);

    int chunks = (recording.Length + ChunkBytes - 1) / ChunkBytes;
    Console.WriteLine($"you    › streaming question.pcm: {recording.Length:N0} bytes ({(double)recording.Length / BytesPerSecond:0.00} s) in {chunks} chunks of 100 ms");
    using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
    {
        for (int offset = 0; offset < recording.Length; offset += ChunkBytes)
        {
            ReadOnlyMemory<byte> chunk = recording.AsMemory(offset, Math.Min(ChunkBytes, recording.Length - offset));
            await session.SendAudioAsync(chunk, $"audio/pcm;rate={SampleRate}", timeout.Token);
            await pace.WaitForNextTickAsync(timeout.Token);
        }
    }

    // The microphone is off: the service flushes what it buffered and answers.
    await session.SendAudioStreamEndAsync(timeout.Token);
    Console.WriteLine("you    › (audio stream end)");

    Summary summary = await receiving;
    Console.WriteLine(
        $"Done in {clock.Elapsed.TotalSeconds:0.00} s: {summary.AudioMessages} audio message(s), " +
        $"{summary.AudioBytes:N0} bytes ({summary.AudioSeconds:0.00} s) of model audio.");
    return summary.AudioBytes > 0 || summary.Said.Length > 0 ? 0 : 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine($"Timed out after {clock.Elapsed.TotalSeconds:0} s.");
    return 1;
}
catch (LiveException ex)
{
    Console.Error.WriteLine($"The session failed: {ex.Message}");
    return 1;
}

// Prints the answer as it streams in, until the model's turn is complete. Transcriptions arrive in fragments, between
// the audio messages: each is printed whole, the user's before the first audio, the model's at the end.
static async Task<Summary> ReceiveAnswerAsync(AsyncSession session, CancellationToken cancellationToken)
{
    var summary = new Summary();
    bool printedHeard = false;
    await foreach (LiveServerMessage message in session.ReceiveAsync(cancellationToken))
    {
        LiveServerContent? content = message.ServerContent;
        summary.Heard += content?.InputTranscription?.Text;
        summary.Said += content?.OutputTranscription?.Text;

        if (content?.ModelTurn?.Parts is { } parts)
        {
            if (!printedHeard && summary.Heard.Length > 0)
            {
                Console.WriteLine($"heard  › {summary.Heard.Trim()}");
                printedHeard = true;
            }

            foreach (Part part in parts)
            {
                if (part.InlineData is { MimeType: { } mime } audio && mime.StartsWith("audio/", StringComparison.Ordinal))
                {
                    double seconds = audio.Data.Length / 2.0 / RateOf(mime);
                    summary.AudioMessages++;
                    summary.AudioBytes += audio.Data.Length;
                    summary.AudioSeconds += seconds;
                    Console.WriteLine($"audio  › {audio.Data.Length,7:N0} bytes of {mime} ({seconds:0.00} s)");
                }
                else if (part.Text is { Length: > 0 } text)
                {
                    Console.WriteLine($"text   › {text}");
                    summary.Said += text;
                }
            }
        }

        if (content?.TurnComplete == true && (summary.AudioBytes > 0 || summary.Said.Length > 0))
        {
            if (!printedHeard && summary.Heard.Length > 0)
            {
                Console.WriteLine($"heard  › {summary.Heard.Trim()}");
            }

            Console.WriteLine($"said   › {summary.Said.Trim()}");
            break;
        }
    }

    return summary;
}

// The sample rate of "audio/pcm;rate=24000" (the Live API's output rate when none is given).
static int RateOf(string mimeType)
{
    int at = mimeType.IndexOf("rate=", StringComparison.OrdinalIgnoreCase);
    return at >= 0 && int.TryParse(mimeType.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out int rate) ? rate : 24_000;
}

/// <summary>What came back.</summary>
internal sealed class Summary
{
    public string Heard { get; set; } = string.Empty;

    public string Said { get; set; } = string.Empty;

    public int AudioMessages { get; set; }

    public long AudioBytes { get; set; }

    public double AudioSeconds { get; set; }
}
