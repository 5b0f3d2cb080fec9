namespace Live;

/// <summary>
/// What one Live model family accepts on one backend: the function-calling behaviours, the response fields of the tool
/// loop and the setup features that differ between models. One row of <see cref="LiveModelProfiles"/>.
/// </summary>
/// <remarks>
/// Used at connect time (a setup the model cannot accept fails before connecting, naming field and model) and by the
/// tool loop (the effective behaviour of an unannotated tool, whether <c>willContinue</c>, <c>scheduling</c> and
/// <c>parts</c> are sent). Each row says where its facts come from in <see cref="Source"/>; <see cref="Inferred"/> names
/// the cells that were inferred rather than read in Google's documents.
/// </remarks>
public sealed record LiveModelProfile
{
    /// <summary>A readable name of the family, for example <c>Gemini 3.8 Live</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>
    /// The model ids this row covers, matched against the model name without its <c>models/</c> or publisher prefix: an
    /// entry ending in <c>*</c> is a prefix, others must match exactly.
    /// </summary>
    public required IReadOnlyList<string> ModelIds { get; init; }

    /// <summary>Whether the row is for Vertex AI (true) or the Gemini Developer API (false).</summary>
    public bool VertexAI { get; init; }

    /// <summary>How a function declared without <c>behavior</c> runs.</summary>
    public Behavior DefaultBehavior { get; init; } = Behavior.Blocking;

    /// <summary>Whether <c>behavior: BLOCKING</c> functions are accepted.</summary>
    public LiveFeatureSupport BlockingCalls { get; init; }

    /// <summary>Whether <c>behavior: NON_BLOCKING</c> functions (asynchronous function calling) are accepted.</summary>
    public LiveFeatureSupport NonBlockingCalls { get; init; }

    /// <summary>Whether the <c>behavior</c> field may be sent at all (some Vertex AI releases reject it).</summary>
    public LiveFeatureSupport BehaviorField { get; init; }

    /// <summary>Whether <c>FunctionResponse.scheduling</c> is accepted.</summary>
    public LiveFeatureSupport Scheduling { get; init; }

    /// <summary>Whether <c>FunctionResponse.willContinue</c> (interim responses) is honoured.</summary>
    public LiveFeatureSupport WillContinue { get; init; }

    /// <summary>Whether <c>FunctionResponse.parts</c> (media in a result) is accepted.</summary>
    public LiveFeatureSupport FunctionResponseParts { get; init; }

    /// <summary>Whether <c>proactivity.proactiveAudio</c> is accepted.</summary>
    public LiveFeatureSupport ProactiveAudio { get; init; }

    /// <summary>Whether <c>enableAffectiveDialog</c> is accepted.</summary>
    public LiveFeatureSupport AffectiveDialog { get; init; }

    /// <summary>Whether <c>thinkingConfig</c> is accepted.</summary>
    public LiveFeatureSupport Thinking { get; init; }

    /// <summary>Whether the model sends <c>serverContent.interactionStatus</c>.</summary>
    public LiveFeatureSupport InteractionStatus { get; init; }

    /// <summary>Where the row's facts come from (Google's pages, by title).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The cells inferred rather than read, so they can be checked against the service.</summary>
    public string Inferred { get; init; } = string.Empty;

    /// <summary>Whether this row covers <paramref name="modelId"/> (a bare id, without prefix).</summary>
    /// <param name="modelId">For example <c>gemini-3.8-live</c>.</param>
    /// <returns>True when one of <see cref="ModelIds"/> matches.</returns>
    public bool Matches(string modelId)
    {
        if (modelId is null)
        {
            return false;
        }

        foreach (string id in ModelIds)
        {
            if (id.EndsWith('*') ? modelId.StartsWith(id.AsSpan(0, id.Length - 1), StringComparison.OrdinalIgnoreCase) : string.Equals(id, modelId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The effective behaviour of a function declared with <paramref name="declared"/> (null or unspecified: the model's default).</summary>
    /// <param name="declared">The declaration's behavior.</param>
    /// <returns>Blocking or non-blocking.</returns>
    public Behavior EffectiveBehavior(Behavior? declared) =>
        declared is null or Behavior.Unspecified ? DefaultBehavior : declared.Value;

    /// <inheritdoc />
    public override string ToString() => $"{DisplayName} ({(VertexAI ? "Vertex AI" : "Gemini API")})";
}
