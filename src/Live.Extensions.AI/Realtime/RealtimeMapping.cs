using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>Maps M.E.AI realtime session options to a Gemini Live setup.</summary>
[Experimental("MEAI001")]
internal static class RealtimeMapping
{
    public static (LiveConnectConfig Config, AIFunctionToolSet? Tools) ToConnectConfig(RealtimeSessionOptions options, IServiceProvider? services)
    {
        if (options.SessionKind == RealtimeSessionKind.Transcription)
        {
            throw new NotSupportedException("Gemini Live has no transcription-only session; use a conversation session with TranscriptionOptions.");
        }

        var config = new LiveConnectConfig();
        if (options.OutputModalities is { Count: > 0 } modalities)
        {
            config.ResponseModalities = [.. modalities.Select(ParseModality)];
        }

        if (!string.IsNullOrEmpty(options.Instructions))
        {
            config.SystemInstruction = new Content { Parts = [Part.FromText(options.Instructions)] };
        }

        if (options.MaxOutputTokens is { } maxTokens)
        {
            config.MaxOutputTokens = maxTokens;
        }

        if (!string.IsNullOrEmpty(options.Voice))
        {
            config.SpeechConfig = new SpeechConfig { VoiceConfig = new VoiceConfig { PrebuiltVoiceConfig = new PrebuiltVoiceConfig { VoiceName = options.Voice } } };
        }

        if (options.TranscriptionOptions is { } transcription)
        {
            config.InputAudioTranscription = new AudioTranscriptionConfig();
            if (!string.IsNullOrEmpty(transcription.SpeechLanguage))
            {
                config.InputAudioTranscription.LanguageCodes = [transcription.SpeechLanguage];
            }

            config.OutputAudioTranscription = new AudioTranscriptionConfig();
        }

        AIFunctionToolSet? tools = null;
        if (options.Tools is { Count: > 0 } aiTools)
        {
            var functions = new List<AIFunction>();
            var declarationsOnly = new List<AIFunctionDeclaration>();
            foreach (AITool tool in aiTools)
            {
                switch (tool)
                {
                    case AIFunction function:
                        functions.Add(function);
                        break;
                    case AIFunctionDeclaration declaration:
                        declarationsOnly.Add(declaration);
                        break;
                    default:
                        throw new NotSupportedException($"The tool \"{tool.Name}\" ({tool.GetType().Name}) has no Gemini Live equivalent here; only functions are supported.");
                }
            }

            if (functions.Count > 0 && declarationsOnly.Count > 0)
            {
                throw new NotSupportedException(
                    "RealtimeSessionOptions.Tools mixes invocable AIFunctions (run by the adapter) with declaration-only functions (answered by the caller); use one kind per session.");
            }

            if (functions.Count > 0)
            {
                tools = new AIFunctionToolSet(functions, new AIFunctionToolSetOptions { Services = services });
                config.Tools = [Tool.FromFunctions(tools.FunctionDeclarations)];
            }
            else
            {
                var notes = new List<string>();
                config.Tools =
                [
                    Tool.FromFunctions(declarationsOnly.Select(d => new FunctionDeclaration
                    {
                        Name = d.Name,
                        Description = string.IsNullOrEmpty(d.Description) ? null : d.Description,
                        Parameters = JsonSchemaConverter.ConvertParameters(d.Name, d.JsonSchema, notes),
                    }).ToList()),
                ];
            }
        }

        return (config, tools);
    }

    private static Modality ParseModality(string modality) => modality.ToUpperInvariant() switch
    {
        "TEXT" => Modality.Text,
        "AUDIO" => Modality.Audio,
        _ => throw new NotSupportedException($"Gemini Live has no output modality \"{modality}\" (text or audio)."),
    };
}
