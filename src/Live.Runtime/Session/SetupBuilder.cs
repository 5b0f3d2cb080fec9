using Live.Wire;

namespace Live.Session;

/// <summary>
/// Turns a <see cref="LiveConnectConfig"/> into the <c>setup</c> message as the official clients send it: the flat
/// generation fields are merged into <c>generationConfig</c>, Vertex AI gets <c>responseModalities: ["AUDIO"]</c>
/// when none is set, Vertex-only fields are refused on the Gemini API. Everything is checked before connecting.
/// </summary>
internal static class SetupBuilder
{
    public static LiveClientSetup Build(string model, LiveConnectConfig config, bool vertex)
    {
        if (!vertex)
        {
            if (config.SessionResumption?.Transparent is not null)
            {
                throw new ArgumentException(
                    "SessionResumptionConfig.Transparent is only supported on Vertex AI, not on the Gemini Developer API.", nameof(config));
            }

            if (config.ExplicitVadSignal is not null)
            {
                throw new ArgumentException(
                    "LiveConnectConfig.ExplicitVadSignal is only supported on Vertex AI, not on the Gemini Developer API.", nameof(config));
            }
        }

        GenerationConfig? generation = MergeGenerationConfig(config);
        if (vertex && generation?.ResponseModalities is null)
        {
            generation ??= new GenerationConfig();
            generation.ResponseModalities = [Modality.Audio];
        }

        return new LiveClientSetup
        {
            Model = model,
            GenerationConfig = generation,
            SystemInstruction = config.SystemInstruction,
            Tools = config.Tools,
            RealtimeInputConfig = config.RealtimeInputConfig,
            SessionResumption = config.SessionResumption,
            ContextWindowCompression = config.ContextWindowCompression,
            InputAudioTranscription = config.InputAudioTranscription,
            OutputAudioTranscription = config.OutputAudioTranscription,
            Proactivity = config.Proactivity,
            ExplicitVadSignal = config.ExplicitVadSignal,
            AdditionalProperties = config.AdditionalSetupProperties,
        };
    }

    /// <summary>
    /// Copies <see cref="LiveConnectConfig.GenerationConfig"/> (never changing the caller's object) and merges the flat
    /// fields into it. The same field set in both places with different values throws, as the official client does.
    /// </summary>
    private static GenerationConfig? MergeGenerationConfig(LiveConnectConfig config)
    {
        GenerationConfig? nested = config.GenerationConfig;
        var merged = new GenerationConfig
        {
            ResponseModalities = nested?.ResponseModalities,
            Temperature = nested?.Temperature,
            TopP = nested?.TopP,
            TopK = nested?.TopK,
            MaxOutputTokens = nested?.MaxOutputTokens,
            CandidateCount = nested?.CandidateCount,
            Seed = nested?.Seed,
            MediaResolution = nested?.MediaResolution,
            SpeechConfig = nested?.SpeechConfig,
            ThinkingConfig = nested?.ThinkingConfig,
            EnableAffectiveDialog = nested?.EnableAffectiveDialog,
            AdditionalProperties = nested?.AdditionalProperties,
        };

        merged.ResponseModalities = MergeList(merged.ResponseModalities, config.ResponseModalities, "responseModalities");
        merged.Temperature = MergeValue(merged.Temperature, config.Temperature, "temperature");
        merged.TopP = MergeValue(merged.TopP, config.TopP, "topP");
        merged.TopK = MergeValue(merged.TopK, config.TopK, "topK");
        merged.MaxOutputTokens = MergeValue(merged.MaxOutputTokens, config.MaxOutputTokens, "maxOutputTokens");
        merged.MediaResolution = MergeValue(merged.MediaResolution, config.MediaResolution, "mediaResolution");
        merged.Seed = MergeValue(merged.Seed, config.Seed, "seed");
        merged.SpeechConfig = MergeObject(merged.SpeechConfig, config.SpeechConfig, "speechConfig");
        merged.ThinkingConfig = MergeObject(merged.ThinkingConfig, config.ThinkingConfig, "thinkingConfig");
        merged.EnableAffectiveDialog = MergeValue(merged.EnableAffectiveDialog, config.EnableAffectiveDialog, "enableAffectiveDialog");

        bool empty = nested is null
            && merged.ResponseModalities is null && merged.Temperature is null && merged.TopP is null && merged.TopK is null
            && merged.MaxOutputTokens is null && merged.MediaResolution is null && merged.Seed is null && merged.SpeechConfig is null
            && merged.ThinkingConfig is null && merged.EnableAffectiveDialog is null;
        return empty ? null : merged;
    }

    private static T? MergeValue<T>(T? existing, T? value, string key)
        where T : struct
    {
        if (value is null)
        {
            return existing;
        }

        if (existing is null || EqualityComparer<T>.Default.Equals(existing.Value, value.Value))
        {
            return value;
        }

        throw Conflict(key);
    }

    private static T? MergeObject<T>(T? existing, T? value, string key)
        where T : class
    {
        if (value is null)
        {
            return existing;
        }

        if (existing is null || ReferenceEquals(existing, value))
        {
            return value;
        }

        throw Conflict(key);
    }

    private static IList<Modality>? MergeList(IList<Modality>? existing, IList<Modality>? value, string key)
    {
        if (value is null)
        {
            return existing;
        }

        if (existing is null || existing.SequenceEqual(value))
        {
            return value;
        }

        throw Conflict(key);
    }

    private static ArgumentException Conflict(string key) =>
        new($"Cannot set value for an existing key. Key: {key} (set it either on LiveConnectConfig or on LiveConnectConfig.GenerationConfig, not both with different values).", "config");
}
