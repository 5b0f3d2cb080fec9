using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Live.Reliability.Tests.Infrastructure;
using Live.Serialization;
using Xunit.Abstractions;

namespace Live.Reliability.Tests;

/// <summary>
/// The light reader (<see cref="ServerMessageReader"/>) against the source-generated parse it stands in for: every
/// server_* vector frame, frames generated in the common shapes (members in any order, text with escapes, base64 in
/// every form, tool calls with any arguments, nulls, repeats, unknown members) and the hostile frames of
/// <see cref="FrameMutator"/>. Wherever the reader returns a message, the serializer must return an equal one (compared
/// as re-serialized JSON, plus the runtime types and the bytes of inline data), with and without pooled data; wherever
/// the serializer throws, the reader must give up (so the connection reports the serializer's error, as before).
/// </summary>
[Collection(FuzzCollection.Name)]
public class ServerMessageReaderDifferentialTests(ITestOutputHelper output)
{
    private static readonly LiveJsonContext DefaultContext = LiveJsonContext.Create(ClientOptions.DefaultMaxJsonDepth);
    private static readonly LiveJsonContext ShallowContext = LiveJsonContext.Create(4);

    [Fact]
    public void Every_server_vector_frame_reads_the_same_and_the_common_ones_take_the_light_path()
    {
        int light = 0;
        foreach (string frame in FrameMutator.LoadSeeds())
        {
            byte[] bytes = Encoding.UTF8.GetBytes(frame);
            Outcome outcome = Compare(bytes, DefaultContext, out string? failure);
            Assert.True(failure is null, failure);
            light += outcome == Outcome.Light ? 1 : 0;
        }

        // audio, text, mixed parts, signals, transcriptions, tool call, cancellation, usage, goAway, resumption, setupComplete, ….
        Assert.True(light >= 14, $"only {light} vector frames took the light path");
        foreach (string shape in new[]
        {
            """{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AAABAP///v8="}}]}}}""",
            """{"toolCall":{"functionCalls":[{"id":"1","name":"f","args":{"a":1}}]}}""",
            """{"setupComplete":{}}""",
            """{"serverContent":{"turnComplete":true}}""",
        })
        {
            Assert.Equal(Outcome.Light, Compare(Encoding.UTF8.GetBytes(shape), DefaultContext, out string? failure));
            Assert.Null(failure);
        }
    }

    [Fact]
    public void Frames_the_serializer_rejects_are_left_to_it()
    {
        string[] rejected =
        [
            """{"serverContent":{"turnComplete":"true"}}""",
            """{"serverContent":{"modelTurn":{"parts":[{"text":1}]}}}""",
            """{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"!!!!"}}]}}}""",
            """{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"QUJD"}}]}}} x""",
            """{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"QUJD"}}]}},}""",
            """{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"QUJD"}}]}}""",
            """{"toolCall":{"functionCalls":[{"id":1}]}}""",
            """{"toolCall":{"functionCalls":{}}}""",
            """{"usageMetadata":{"totalTokenCount":1.5}}""",
            """{"serverContent":{"modelTurn":{"parts":[{"text":"a\ud800b"}]}}}""",
            """[]""",
            """null""",
            "",
        ];
        foreach (string frame in rejected)
        {
            Assert.Equal(Outcome.Rejected, Compare(Encoding.UTF8.GetBytes(frame), DefaultContext, out string? failure));
            Assert.Null(failure);
        }

        // Deeper than the limit: the reader gives up, the serializer reports the depth.
        byte[] audio = Encoding.UTF8.GetBytes("""{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"QUJD"}}]}}}""");
        Assert.Equal(Outcome.Rejected, Compare(audio, ShallowContext, out string? shallow));
        Assert.Null(shallow);
    }

    [Fact(Timeout = 240_000)]
    public async Task Generated_and_mutated_frames_read_the_same_both_ways()
    {
        await Task.Yield(); // off the test's thread, so that the timeout applies
        int total = FuzzBudget.Frames / 2; // each frame is parsed three times and written twice
        var random = new Random(FuzzBudget.Seed);
        var mutator = new FrameMutator(FuzzBudget.Seed + 7, FrameMutator.LoadSeeds());
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        int done = 0;
        for (; done < total && clock.Elapsed < FuzzBudget.TimeLimit; done++)
        {
            string kind;
            byte[] frame;
            if (done % 2 == 0)
            {
                kind = "generated";
                frame = Encoding.UTF8.GetBytes(Generate(random));
            }
            else
            {
                frame = mutator.Next(out kind);
            }

            LiveJsonContext context = done % 16 == 1 ? ShallowContext : DefaultContext;
            Outcome outcome = Compare(frame, context, out string? failure);
            if (failure is not null && failures.Count < 20)
            {
                failures.Add($"{kind}: {failure}");
            }

            string key = kind + " -> " + outcome;
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        output.WriteLine($"{done:N0} frames (seed {FuzzBudget.Seed}) in {clock.Elapsed.TotalSeconds:0.0} s.");
        foreach ((string key, int count) in outcomes)
        {
            output.WriteLine($"  {key}: {count:N0}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(total, done); // the time cap was not hit
        Assert.Contains("generated -> Light", outcomes.Keys);
        Assert.Contains("generated -> Fallback", outcomes.Keys);
        Assert.Contains("generated -> Rejected", outcomes.Keys);
    }

    [Fact]
    public void Pooled_data_is_given_back_once_and_the_blob_is_emptied()
    {
        byte[] pcm = new byte[3200];
        new Random(3).NextBytes(pcm);
        byte[] frame = Encoding.UTF8.GetBytes(
            "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\",\"data\":\"" + Convert.ToBase64String(pcm)
            + "\"}},{\"inlineData\":{\"data\":\"" + Convert.ToBase64String(pcm, 0, 30) + "\"}}]}}}");
        var pool = new CountingPool();
        LiveServerMessageLease? lease = null;
        LiveServerMessage message = ServerMessageReader.TryRead(frame, DefaultContext, pool, ref lease)!;
        Assert.NotNull(message);
        Assert.NotNull(lease);
        lease!.SetMessage(message);
        Assert.True(lease.HasPooledData);
        Assert.Equal(2, pool.Rented);
        Blob first = message.ServerContent!.ModelTurn!.Parts![0].InlineData!;
        Assert.Equal(pcm, first.Data.ToArray());
        Assert.Equal(pcm.Length + 30, message.Data!.Value.Length);

        lease.Dispose();
        lease.Dispose();
        Assert.Equal(2, pool.Returned);
        Assert.False(lease.HasPooledData);
        Assert.True(first.Data.IsEmpty);
        Assert.Null(message.Data);
        Assert.Same(message, lease.Message);
    }

    [Fact]
    public void A_frame_left_to_the_serializer_gives_back_what_the_reader_rented()
    {
        byte[] pcm = new byte[64];
        byte[] frame = Encoding.UTF8.GetBytes(
            "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"data\":\"" + Convert.ToBase64String(pcm) + "\"}},{\"videoMetadata\":{}}]}}}");
        var pool = new CountingPool();
        LiveServerMessageLease? lease = null;
        Assert.Null(ServerMessageReader.TryRead(frame, DefaultContext, pool, ref lease));
        Assert.Null(lease);
        Assert.Equal(1, pool.Rented);
        Assert.Equal(1, pool.Returned);
    }

    private enum Outcome
    {
        /// <summary>The light reader read it, equal to the serializer.</summary>
        Light,

        /// <summary>The light reader gave up; the serializer read it.</summary>
        Fallback,

        /// <summary>The serializer rejects it (and the reader gave up).</summary>
        Rejected,
    }

    /// <summary>Reads a frame both ways (and pooled); the failure says how they differ.</summary>
    private static Outcome Compare(byte[] frame, LiveJsonContext context, out string? failure)
    {
        failure = null;
        LiveServerMessage? expected = null;
        Exception? rejected = null;
        try
        {
            expected = JsonSerializer.Deserialize(frame, context.LiveServerMessage) ?? throw new JsonException("null");
        }
        catch (Exception ex)
        {
            rejected = ex;
        }

        LiveServerMessageLease? none = null;
        LiveServerMessage? light = ServerMessageReader.TryRead(frame, context, pool: null, ref none);
        var pool = new CountingPool();
        LiveServerMessageLease? lease = null;
        LiveServerMessage? pooled = ServerMessageReader.TryRead(frame, context, pool, ref lease);
        try
        {
            if (none is not null)
            {
                failure = $"a lease without a pool for {Show(frame)}";
            }
            else if ((light is null) != (pooled is null))
            {
                failure = $"pooled and not pooled disagree ({light is null}, {pooled is null}) for {Show(frame)}";
            }
            else if (light is null)
            {
                if (lease is not null || pool.Rented != pool.Returned)
                {
                    failure = $"gave up without giving back {pool.Rented - pool.Returned} arrays for {Show(frame)}";
                }

                return rejected is null ? Outcome.Fallback : Outcome.Rejected;
            }
            else if (rejected is not null)
            {
                failure = $"the reader accepted a frame the serializer rejects ({rejected.GetType().Name}: {rejected.Message}): {Show(frame)}";
            }
            else
            {
                failure = Difference(expected!, light, "not pooled") ?? Difference(expected!, pooled!, "pooled");
                // A lease exactly when arrays are still out (an array rented for base64 the fast decode could not read
                // went back at once).
                if (failure is null && (lease is null) != (pool.Rented == pool.Returned))
                {
                    failure = $"lease {(lease is null ? "missing" : "present")} with {pool.Rented - pool.Returned} arrays out";
                }

                failure = failure is null ? null : failure + " for " + Show(frame);
            }

            return Outcome.Light;
        }
        finally
        {
            lease?.Dispose();
            if (failure is null && pool.Rented != pool.Returned)
            {
                failure = $"{pool.Rented} arrays rented, {pool.Returned} given back for {Show(frame)}";
            }
        }
    }

    private static string? Difference(LiveServerMessage expected, LiveServerMessage actual, string how)
    {
        // Written with the default depth limit: a frame read under a lower limit may be written deeper than it.
        // (Arguments kept as received may not be writable, for example a lone surrogate escape: then both must fail
        // the same way, and the arguments are compared as received.)
        string want = Write(expected);
        string got = Write(actual);
        IList<FunctionCall>? expectedCalls = expected.ToolCall?.FunctionCalls;
        for (int i = 0; expectedCalls is not null && i < expectedCalls.Count; i++)
        {
            if (!RawArgs(expectedCalls[i]).AsSpan().SequenceEqual(RawArgs(actual.ToolCall!.FunctionCalls![i])))
            {
                return $"{how}: the arguments of call {i} differ";
            }
        }

        if (want != got)
        {
            return $"{how}: serializer {want} but reader {got}";
        }

        if (expected.ServerContent?.ModelTurn?.Parts?.GetType() != actual.ServerContent?.ModelTurn?.Parts?.GetType()
            || expected.ToolCall?.FunctionCalls?.GetType() != actual.ToolCall?.FunctionCalls?.GetType())
        {
            return $"{how}: the collection types differ";
        }

        IList<Part>? expectedParts = expected.ServerContent?.ModelTurn?.Parts;
        IList<Part>? actualParts = actual.ServerContent?.ModelTurn?.Parts;
        for (int i = 0; expectedParts is not null && i < expectedParts.Count; i++)
        {
            Blob? want2 = expectedParts[i]?.InlineData;
            Blob? got2 = actualParts![i]?.InlineData;
            if ((want2 is null) != (got2 is null) || (want2 is not null && !want2.Data.Span.SequenceEqual(got2!.Data.Span)))
            {
                return $"{how}: the inline data of part {i} differs";
            }
        }

        if ((expected.Data is null) != (actual.Data is null) || expected.Text != actual.Text)
        {
            return $"{how}: the Data or Text getters differ";
        }

        return null;
    }

    private static byte[]? RawArgs(FunctionCall? call) =>
        call?.Args is { } args ? System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(args).ToArray() : null;

    private static string Write(LiveServerMessage message)
    {
        try
        {
            return JsonSerializer.Serialize(message, DefaultContext.LiveServerMessage);
        }
        catch (JsonException ex)
        {
            return "(not writable: " + ex.Message + ")";
        }
    }

    /// <summary>A frame in the shapes the reader handles, with variations it must either read exactly or give up on.</summary>
    private static string Generate(Random random)
    {
        var members = new List<string>();
        switch (random.Next(6))
        {
            case 0 or 1 or 2:
                members.Add("\"serverContent\":" + ServerContent(random));
                break;
            case 3:
                members.Add("\"toolCall\":" + ToolCall(random));
                break;
            default:
                members.Add(random.Next(6) switch
                {
                    0 => "\"setupComplete\":" + Pick(random, "{}", "{\"sessionId\":\"s-1\"}", "null", "{\"x\":1}"),
                    1 => "\"toolCallCancellation\":" + Pick(random, "{\"ids\":[\"a\",\"b\"]}", "{\"ids\":[]}", "{\"ids\":null}", "{\"ids\":[1]}"),
                    2 => "\"usageMetadata\":" + Pick(random, "{\"totalTokenCount\":3,\"promptTokensDetails\":[{\"modality\":\"AUDIO\",\"tokenCount\":1}]}", "{\"candidatesTokenCount\":5}", "{\"trafficType\":\"X\"}", "{\"totalTokenCount\":\"3\"}"),
                    3 => "\"sessionResumptionUpdate\":" + Pick(random, "{\"newHandle\":\"h\",\"resumable\":true}", "{\"lastConsumedClientMessageIndex\":\"12\"}", "{\"resumable\":1}"),
                    4 => "\"goAway\":" + Pick(random, "{\"timeLeft\":\"50s\"}", "{}", "{\"timeLeft\":5}"),
                    _ => "\"voiceActivity\":{\"voiceActivityType\":\"ACTIVITY_START\"}",
                });
                break;
        }

        if (random.Next(8) == 0)
        {
            members.Add("\"usageMetadata\":{\"totalTokenCount\":" + random.Next(1000) + "}");
        }

        if (random.Next(30) == 0)
        {
            members.Add("\"fuzzUnknown\":1");
        }

        if (random.Next(40) == 0)
        {
            members.Add(members[0]);
        }

        return Object(random, members);
    }

    private static string ServerContent(Random random)
    {
        var members = new List<string>();
        if (random.Next(4) != 0)
        {
            var parts = new List<string>();
            int count = random.Next(5) == 0 ? random.Next(0, 4) : 1;
            for (int i = 0; i < count; i++)
            {
                parts.Add(PartJson(random));
            }

            var turn = new List<string> { "\"parts\":[" + string.Join(",", parts) + "]" };
            if (random.Next(2) == 0)
            {
                turn.Add("\"role\":" + Pick(random, "\"model\"", "\"user\"", "null", "3"));
            }

            if (random.Next(40) == 0)
            {
                turn.Add("\"parts\":[]");
            }

            members.Add("\"modelTurn\":" + (random.Next(50) == 0 ? "null" : Object(random, turn)));
        }

        foreach (string flag in new[] { "turnComplete", "generationComplete", "interrupted", "waitingForInput" })
        {
            if (random.Next(5) == 0)
            {
                members.Add($"\"{flag}\":" + Pick(random, "true", "false", "true", "false", "null", "1", "\"true\""));
            }
        }

        foreach (string transcription in new[] { "inputTranscription", "outputTranscription", "interimInputTranscription" })
        {
            if (random.Next(8) == 0)
            {
                members.Add($"\"{transcription}\":" + Pick(random, "{\"text\":\"hi\"}", "{\"text\":\"a\\u00e9\\\"b\",\"finished\":true}", "{}", "null", "{\"text\":\"x\",\"languageCode\":\"en\"}"));
            }
        }

        if (random.Next(25) == 0)
        {
            members.Add(Pick(random, "\"turnCompleteReason\":\"NEED_MORE_INPUT\"", "\"interactionStatus\":\"IDLE\"", "\"groundingMetadata\":{}"));
        }

        return Object(random, members);
    }

    private static string PartJson(Random random)
    {
        var members = new List<string>();
        switch (random.Next(5))
        {
            case 0 or 1 or 2:
                var blob = new List<string> { "\"data\":" + Base64(random) };
                if (random.Next(5) != 0)
                {
                    blob.Add("\"mimeType\":" + Pick(random, "\"audio/pcm;rate=24000\"", "\"image/png\"", "null", "\"a\\/b\""));
                }

                if (random.Next(60) == 0)
                {
                    blob.Add("\"displayName\":\"x\"");
                }

                members.Add("\"inlineData\":" + (random.Next(60) == 0 ? "null" : Object(random, blob)));
                break;
            default:
                members.Add("\"text\":" + Pick(random, "\"Hello\"", "\"\"", "\"caf\\u00e9 \\ud83d\\ude00 \\n\\t\\\"q\\\"\"", "\"日本語\"", "null", "\"" + new string('x', random.Next(0, 3000)) + "\""));
                break;
        }

        if (random.Next(6) == 0)
        {
            members.Add("\"thought\":" + Pick(random, "true", "false", "null"));
        }

        if (random.Next(10) == 0)
        {
            members.Add("\"thoughtSignature\":" + Pick(random, "\"c2ln\"", "null", "7"));
        }

        if (random.Next(60) == 0)
        {
            members.Add(Pick(random, "\"functionCall\":{\"name\":\"f\"}", "\"videoMetadata\":{}"));
        }

        return random.Next(80) == 0 ? "null" : Object(random, members);
    }

    private static string Base64(Random random)
    {
        byte[] bytes = new byte[random.Next(10) == 0 ? random.Next(0, 5) : random.Next(0, 6000)];
        random.NextBytes(bytes);
        string standard = Convert.ToBase64String(bytes);
        return random.Next(12) switch
        {
            0 => "\"" + standard.TrimEnd('=') + "\"",
            1 => "\"" + standard.Replace('+', '-').Replace('/', '_') + "\"",
            2 => "\"" + standard.Replace('+', '-').Replace('/', '_').TrimEnd('=') + "\"",
            3 => "\"" + standard.Replace("/", "\\/", StringComparison.Ordinal) + "\"",
            4 => "null",
            5 => "\"" + standard + "=\"",
            6 => "\"" + (standard.Length > 2 ? standard.Insert(standard.Length / 2, random.Next(2) == 0 ? " " : "!") : standard) + "\"",
            _ => "\"" + standard + "\"",
        };
    }

    private static string ToolCall(Random random)
    {
        var calls = new List<string>();
        int count = random.Next(0, 4);
        for (int i = 0; i < count; i++)
        {
            var call = new List<string>();
            if (random.Next(8) != 0)
            {
                call.Add("\"id\":" + Pick(random, "\"call-" + i + "\"", "null", "\"\"", "5"));
            }

            if (random.Next(8) != 0)
            {
                call.Add("\"name\":" + Pick(random, "\"get_weather\"", "\"f\\u0041\"", "null"));
            }

            if (random.Next(6) != 0)
            {
                call.Add("\"args\":" + Pick(random, "{}", "{\"city\":\"Paris\",\"days\":3}", "{\"a\":[1,2,{\"b\":null}],\"c\":1.5e3}", "null", "[1]", "\"s\"", "{\"deep\":{\"deeper\":{\"deepest\":[[[1]]]}}}"));
            }

            if (random.Next(50) == 0)
            {
                call.Add("\"willContinue\":true");
            }

            calls.Add(Object(random, call));
        }

        var members = new List<string> { "\"functionCalls\":" + (random.Next(40) == 0 ? "null" : "[" + string.Join(",", calls) + "]") };
        return Object(random, members);
    }

    private static string Object(Random random, List<string> members)
    {
        string[] shuffled = [.. members];
        random.Shuffle(shuffled);
        string separator = random.Next(4) == 0 ? ",\n  " : ",";
        return random.Next(4) == 0 ? "{ " + string.Join(separator, shuffled) + " }" : "{" + string.Join(separator, shuffled) + "}";
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static string Show(byte[] frame)
    {
        string text = Encoding.UTF8.GetString(frame);
        return text.Length <= 300 ? text : text[..300] + $"… ({frame.Length} bytes)";
    }

    /// <summary>Counts what is rented and returned (arrays from the shared pool).</summary>
    private sealed class CountingPool : ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public int Returned { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            return Shared.Rent(minimumLength);
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            Returned++;
            Shared.Return(array, clearArray);
        }
    }
}
