using Live;
using Live.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Live.Tools client and tools with a service collection.</summary>
public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="Client"/> configured from <c>IOptions&lt;ClientOptions&gt;</c> (the
    /// <c>GOOGLE_API_KEY</c>/<c>GEMINI_API_KEY</c> environment variables when no key is configured; the container's
    /// <see cref="ILoggerFactory"/> when none is set), validated when the host starts, and a
    /// <see cref="LiveToolProvider"/> for the tools registered on the returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>A builder to register tool types on.</returns>
    public static LiveClientBuilder AddLiveClient(this IServiceCollection services, Action<ClientOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        OptionsBuilder<ClientOptions> options = AddCore(services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return new LiveClientBuilder(services);
    }

    /// <summary>
    /// Adds a singleton <see cref="Client"/> with options read from a configuration section (keys named after
    /// <see cref="ClientOptions"/>' properties: <c>ApiKey</c>, <c>VertexAI</c>, <c>Project</c>, <c>Location</c>,
    /// <c>BaseUrl</c>, <c>ApiVersion</c>, <c>SetupTimeout</c>, <c>MaxIncomingMessageBytes</c>, <c>MaxJsonDepth</c>,
    /// <c>AllowInsecureTransport</c>, <c>AutomaticResumption</c>, <c>MaxResumptionAttempts</c>,
    /// <c>ResumptionRetryDelay</c>, <c>Headers:Name</c>), then <paramref name="configure"/>; see the other overload.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, for example <c>builder.Configuration.GetSection("Live")</c>.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>A builder to register tool types on.</returns>
    public static LiveClientBuilder AddLiveClient(this IServiceCollection services, IConfiguration configuration, Action<ClientOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        OptionsBuilder<ClientOptions> options = AddCore(services);
        options.Configure(o => ClientOptionsConfiguration.Bind(configuration, o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return new LiveClientBuilder(services);
    }

    private static OptionsBuilder<ClientOptions> AddCore(IServiceCollection services)
    {
        OptionsBuilder<ClientOptions> options = services.AddOptions<ClientOptions>();
        options.PostConfigure<IServiceProvider>(static (o, provider) =>
        {
            if (string.IsNullOrEmpty(o.ApiKey) && !(o.VertexAI && !string.IsNullOrEmpty(o.Project)))
            {
                o.ApiKey = Environment.GetEnvironmentVariable("GOOGLE_API_KEY") is { Length: > 0 } google ? google
                    : Environment.GetEnvironmentVariable("GEMINI_API_KEY") is { Length: > 0 } gemini ? gemini
                    : null;
            }

            o.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        });
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientOptions>, ClientOptionsValidation>());
        services.TryAddSingleton(static provider => new Client(provider.GetRequiredService<IOptions<ClientOptions>>().Value));
        services.TryAddSingleton(static provider => new LiveToolProvider(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetServices<LiveToolRegistration>()));
        return options;
    }
}
