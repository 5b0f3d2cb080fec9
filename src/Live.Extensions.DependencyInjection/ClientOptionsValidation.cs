using Microsoft.Extensions.Options;

namespace Live.DependencyInjection;

/// <summary>Checks at start that the client can authenticate; the message names settings, never their values.</summary>
internal sealed class ClientOptionsValidation : IValidateOptions<ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientOptions options)
    {
        if (!options.VertexAI && string.IsNullOrEmpty(options.ApiKey))
        {
            return ValidateOptionsResult.Fail(
                "No Gemini API key: set it in configuration (Live:ApiKey or the section passed to AddLiveClient), in GOOGLE_API_KEY or GEMINI_API_KEY, or in the configure action.");
        }

        if (options.VertexAI && string.IsNullOrEmpty(options.ApiKey) && string.IsNullOrEmpty(options.Project) && options.BaseUrl is null)
        {
            return ValidateOptionsResult.Fail("Vertex AI needs a project (ClientOptions.Project), an API key (express mode) or a BaseUrl.");
        }

        if (options.SetupTimeout <= TimeSpan.Zero && options.SetupTimeout != Timeout.InfiniteTimeSpan)
        {
            return ValidateOptionsResult.Fail("ClientOptions.SetupTimeout must be positive.");
        }

        return ValidateOptionsResult.Success;
    }
}
