using System.Text.Json;

namespace Live.Serialization;

internal static partial class ClientMessageWriter
{
    private static void WriteGenerationConfig(Context w, GenerationConfig config)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (config.ResponseModalities is { } modalities)
        {
            w.Guard();
            writer.WriteStartArray("responseModalities"u8);
            foreach (Modality modality in modalities)
            {
                w.Guard();
                writer.WriteStringValue(WireNames.Of(modality));
            }

            writer.WriteEndArray();
        }

        if (config.Temperature is { } temperature)
        {
            w.Double("temperature"u8, temperature);
        }

        if (config.TopP is { } topP)
        {
            w.Double("topP"u8, topP);
        }

        if (config.TopK is { } topK)
        {
            w.Int32("topK"u8, topK);
        }

        if (config.MaxOutputTokens is { } maxOutputTokens)
        {
            w.Int32("maxOutputTokens"u8, maxOutputTokens);
        }

        if (config.CandidateCount is { } candidateCount)
        {
            w.Int32("candidateCount"u8, candidateCount);
        }

        if (config.Seed is { } seed)
        {
            w.Int32("seed"u8, seed);
        }

        if (config.MediaResolution is { } mediaResolution)
        {
            writer.WritePropertyName("mediaResolution"u8);
            w.Guard();
            writer.WriteStringValue(WireNames.Of(mediaResolution));
        }

        if (config.SpeechConfig is { } speechConfig)
        {
            WriteSpeechConfig(w, speechConfig);
        }

        if (config.ThinkingConfig is { } thinkingConfig)
        {
            w.Guard();
            writer.WriteStartObject("thinkingConfig"u8);
            if (thinkingConfig.ThinkingBudget is { } thinkingBudget)
            {
                w.Int32("thinkingBudget"u8, thinkingBudget);
            }

            if (thinkingConfig.IncludeThoughts is { } includeThoughts)
            {
                w.Boolean("includeThoughts"u8, includeThoughts);
            }

            if (thinkingConfig.ThinkingLevel is { } thinkingLevel)
            {
                writer.WritePropertyName("thinkingLevel"u8);
                w.Guard();
                writer.WriteStringValue(WireNames.Of(thinkingLevel));
            }

            writer.WriteEndObject();
        }

        if (config.EnableAffectiveDialog is { } enableAffectiveDialog)
        {
            w.Boolean("enableAffectiveDialog"u8, enableAffectiveDialog);
        }

        w.ExtensionData(config.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteSpeechConfig(Context w, SpeechConfig speechConfig)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject("speechConfig"u8);
        if (speechConfig.VoiceConfig is { } voiceConfig)
        {
            w.Guard();
            writer.WriteStartObject("voiceConfig"u8);
            if (voiceConfig.PrebuiltVoiceConfig is { } prebuilt)
            {
                w.Guard();
                writer.WriteStartObject("prebuiltVoiceConfig"u8);
                if (prebuilt.VoiceName is { } voiceName)
                {
                    w.String("voiceName"u8, voiceName);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (speechConfig.LanguageCode is { } languageCode)
        {
            w.String("languageCode"u8, languageCode);
        }

        writer.WriteEndObject();
    }

    private static void WriteRealtimeInputConfig(Context w, RealtimeInputConfig config)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (config.AutomaticActivityDetection is { } detection)
        {
            w.Guard();
            writer.WriteStartObject("automaticActivityDetection"u8);
            if (detection.Disabled is { } disabled)
            {
                w.Boolean("disabled"u8, disabled);
            }

            if (detection.StartOfSpeechSensitivity is { } start)
            {
                writer.WritePropertyName("startOfSpeechSensitivity"u8);
                w.Guard();
                writer.WriteStringValue(WireNames.Of(start));
            }

            if (detection.EndOfSpeechSensitivity is { } end)
            {
                writer.WritePropertyName("endOfSpeechSensitivity"u8);
                w.Guard();
                writer.WriteStringValue(WireNames.Of(end));
            }

            if (detection.PrefixPaddingMs is { } prefixPaddingMs)
            {
                w.Int32("prefixPaddingMs"u8, prefixPaddingMs);
            }

            if (detection.SilenceDurationMs is { } silenceDurationMs)
            {
                w.Int32("silenceDurationMs"u8, silenceDurationMs);
            }

            writer.WriteEndObject();
        }

        if (config.ActivityHandling is { } activityHandling)
        {
            writer.WritePropertyName("activityHandling"u8);
            w.Guard();
            writer.WriteStringValue(WireNames.Of(activityHandling));
        }

        if (config.TurnCoverage is { } turnCoverage)
        {
            writer.WritePropertyName("turnCoverage"u8);
            w.Guard();
            writer.WriteStringValue(WireNames.Of(turnCoverage));
        }

        writer.WriteEndObject();
    }

    private static void WriteAudioTranscriptionConfig(Context w, AudioTranscriptionConfig config)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (config.LanguageCodes is { } languageCodes)
        {
            w.Strings("languageCodes"u8, languageCodes);
        }

        w.ExtensionData(config.AdditionalProperties);
        writer.WriteEndObject();
    }
}
