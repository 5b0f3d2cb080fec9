using Live.Wire;

namespace Live.Session;

/// <summary>
/// Checks a setup against the model's <see cref="LiveModelProfile"/> before connecting, and adapts what the model would
/// refuse but that can be said another way: a <c>behavior</c> equal to the model's default is left out where the field is
/// not known to be accepted (Vertex AI releases that reject it, Gemini 3.1 Flash Live). Never changes the caller's objects.
/// </summary>
internal static class SetupProfileCheck
{
    public static void Apply(LiveModelProfile profile, string model, LiveClientSetup setup)
    {
        if (setup.Proactivity?.ProactiveAudio is { } proactive)
        {
            if (profile.ProactiveAudio == LiveFeatureSupport.NotSupported)
            {
                throw Refused(profile, model, "proactivity.proactiveAudio", "proactive audio is not supported; remove ProactivityConfig.ProactiveAudio");
            }

            if (profile.ProactiveAudio == LiveFeatureSupport.AlwaysOn && !proactive)
            {
                throw Refused(profile, model, "proactivity.proactiveAudio", "proactive audio is always on and cannot be turned off; remove ProactivityConfig.ProactiveAudio");
            }
        }

        if (setup.GenerationConfig?.EnableAffectiveDialog is not null && profile.AffectiveDialog == LiveFeatureSupport.NotSupported)
        {
            throw Refused(profile, model, "generationConfig.enableAffectiveDialog", "affective dialog is not supported; remove EnableAffectiveDialog");
        }

        if (setup.GenerationConfig?.ThinkingConfig is not null && profile.Thinking == LiveFeatureSupport.NotSupported)
        {
            throw Refused(profile, model, "generationConfig.thinkingConfig", "thinking settings are not supported; remove ThinkingConfig");
        }

        if (setup.Tools is not { Count: > 0 } tools)
        {
            return;
        }

        List<Tool>? adapted = null;
        for (int i = 0; i < tools.Count; i++)
        {
            Tool? tool = tools[i];
            Tool? copy = null;
            if (tool?.FunctionDeclarations is { } declarations)
            {
                for (int j = 0; j < declarations.Count; j++)
                {
                    FunctionDeclaration? declaration = declarations[j];
                    if (declaration?.Behavior is not { } behavior || behavior == Behavior.Unspecified)
                    {
                        continue;
                    }

                    string field = $"tools[{i}].functionDeclarations[{j}].behavior";
                    if (behavior == Behavior.NonBlocking && profile.NonBlockingCalls == LiveFeatureSupport.NotSupported)
                    {
                        throw Refused(profile, model, field, $"function \"{declaration.Name}\" is NON_BLOCKING, and the model supports only blocking (synchronous) function calls");
                    }

                    if (behavior == Behavior.Blocking && profile.BlockingCalls == LiveFeatureSupport.NotSupported)
                    {
                        throw Refused(profile, model, field, $"function \"{declaration.Name}\" is BLOCKING, and the model supports only NON_BLOCKING (asynchronous) function calls");
                    }

                    if (profile.BehaviorField != LiveFeatureSupport.Supported)
                    {
                        if (behavior != profile.DefaultBehavior && profile.BehaviorField == LiveFeatureSupport.NotSupported)
                        {
                            throw Refused(profile, model, field, $"function \"{declaration.Name}\" states behavior {behavior}, and this backend does not accept the behavior field");
                        }

                        if (behavior == profile.DefaultBehavior)
                        {
                            // Redundant here, and the field may be refused: send the declaration without it.
                            copy ??= CopyTool(tool);
                            copy.FunctionDeclarations![j] = WithoutBehavior(declaration);
                        }
                    }
                }
            }

            if (copy is not null)
            {
                adapted ??= new List<Tool>(tools);
                adapted[i] = copy;
            }
        }

        if (adapted is not null)
        {
            setup.Tools = adapted;
        }
    }

    private static Tool CopyTool(Tool tool) => new()
    {
        FunctionDeclarations = new List<FunctionDeclaration>(tool.FunctionDeclarations!),
        GoogleSearch = tool.GoogleSearch,
        CodeExecution = tool.CodeExecution,
        UrlContext = tool.UrlContext,
        AdditionalProperties = tool.AdditionalProperties,
    };

    private static FunctionDeclaration WithoutBehavior(FunctionDeclaration d) => new()
    {
        Name = d.Name,
        Description = d.Description,
        Parameters = d.Parameters,
        ParametersJsonSchema = d.ParametersJsonSchema,
        Response = d.Response,
        ResponseJsonSchema = d.ResponseJsonSchema,
    };

    private static LiveSetupNotSupportedException Refused(LiveModelProfile profile, string model, string field, string what) =>
        new(model, field,
            $"The model \"{model}\" ({profile}) does not accept {field}: {what}. The setup was not sent. " +
            "(Capabilities from LiveModelProfiles; see docs/models.md. Register a LiveModelProfile to change a row.)");
}
