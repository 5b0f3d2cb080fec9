namespace Live.Session;

/// <summary>Normalises model names as the official clients do before sending them in <c>setup.model</c>.</summary>
internal static class ModelNames
{
    /// <summary>Normalises a model name.</summary>
    /// <param name="model">The name the caller gave, for example <c>gemini-live-2.5-flash-preview</c>.</param>
    /// <param name="vertex">Whether the session is on Vertex AI.</param>
    /// <param name="project">The Vertex AI project, if any.</param>
    /// <param name="location">The Vertex AI location, if any.</param>
    /// <returns>
    /// Gemini API: <c>models/{id}</c> (unless it starts with <c>models/</c> or <c>tunedModels/</c>). Vertex AI:
    /// <c>projects/{p}/locations/{l}/publishers/google/models/{id}</c> with a project, else
    /// <c>publishers/google/models/{id}</c>; <c>pub/id</c> becomes <c>publishers/pub/models/id</c>.
    /// </returns>
    /// <exception cref="ArgumentException">The name is empty or contains <c>..</c>, <c>?</c> or <c>&amp;</c>.</exception>
    public static string Normalize(string model, bool vertex, string? project, string? location)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("The model name is required.", nameof(model));
        }

        if (model.Contains("..", StringComparison.Ordinal) || model.Contains('?', StringComparison.Ordinal) || model.Contains('&', StringComparison.Ordinal))
        {
            throw new ArgumentException("The model name must not contain \"..\", \"?\" or \"&\".", nameof(model));
        }

        if (!vertex)
        {
            return model.StartsWith("models/", StringComparison.Ordinal) || model.StartsWith("tunedModels/", StringComparison.Ordinal)
                ? model
                : "models/" + model;
        }

        string name;
        if (model.StartsWith("publishers/", StringComparison.Ordinal)
            || model.StartsWith("projects/", StringComparison.Ordinal)
            || model.StartsWith("models/", StringComparison.Ordinal))
        {
            name = model;
        }
        else
        {
            int slash = model.IndexOf('/');
            name = slash >= 0
                ? $"publishers/{model.Substring(0, slash)}/models/{model.Substring(slash + 1)}"
                : "publishers/google/models/" + model;
        }

        if (name.StartsWith("publishers/", StringComparison.Ordinal) && !string.IsNullOrEmpty(project) && !string.IsNullOrEmpty(location))
        {
            name = $"projects/{project}/locations/{location}/{name}";
        }

        return name;
    }
}
