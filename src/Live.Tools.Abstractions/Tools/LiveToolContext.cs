using System.Text.Json.Nodes;

namespace Live.Tools;

/// <summary>
/// What a tool may learn about the call it is serving, and how it talks back while it runs. Declare a parameter of this
/// type on a <see cref="LiveToolAttribute"/> method and the dispatcher passes it, like a <see cref="CancellationToken"/>;
/// it never appears in the schema.
/// </summary>
/// <remarks>
/// <para><b>Progress.</b> <see cref="ReportProgressAsync(string, double?, CancellationToken)"/> sends an interim
/// response (<c>willContinue: true</c>) for the same call id while the tool runs; the tool's result is then sent as the
/// last response (<c>willContinue: false</c>). Interim responses exist only for non-blocking calls on a model and
/// backend that take <c>willContinue</c> (Gemini API; not Vertex AI, not Gemini 3.1 Flash Live). Elsewhere
/// <see cref="CanReportProgress"/> is false, a report is dropped (the method returns false) and only the final result
/// is sent: the documented fallback.</para>
/// <para><b>Media.</b> <see cref="AddPart"/> attaches an image or other blob to the final response
/// (<c>FunctionResponse.parts</c>).</para>
/// <para>Both work when the tool runs under the tool loop (<c>RunWithToolsAsync</c>); a tool set invoked by hand has no
/// loop to send through.</para>
/// </remarks>
public sealed class LiveToolContext
{
    private readonly LiveToolCallScope? _scope;

    /// <summary>Creates the context of one call.</summary>
    /// <param name="call">The call being served.</param>
    public LiveToolContext(FunctionCall call)
    {
        Call = call ?? throw new ArgumentNullException(nameof(call));
        _scope = LiveToolCallScope.For(call);
        Services = LiveToolServices.Current;
    }

    /// <summary>The call being served, as the model sent it.</summary>
    public FunctionCall Call { get; }

    /// <summary>The call's id (the response carries it back).</summary>
    public string? CallId => Call.Id;

    /// <summary>The function name the model called.</summary>
    public string? FunctionName => Call.Name;

    /// <summary>
    /// The services the call is served with (the session's or the call's scope under
    /// <c>Live.Extensions.DependencyInjection</c>; see <see cref="LiveToolServices"/>), or null when none were given.
    /// </summary>
    public IServiceProvider? Services { get; }

    /// <summary>Whether progress reports reach the model (see the remarks); false means only the final result is sent.</summary>
    public bool CanReportProgress => _scope?.CanSendInterim == true;

    /// <summary>
    /// Tells the model how far the tool got, as an interim response
    /// <c>{"status": "in_progress", "message": …, "progress": …}</c> with <c>willContinue: true</c>.
    /// </summary>
    /// <param name="message">What is happening, for example <c>Checked 3 of 10 airlines.</c></param>
    /// <param name="fraction">How much is done, from 0 to 1, or null.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>True when the report was sent; false when progress cannot reach the model (see <see cref="CanReportProgress"/>).</returns>
    public ValueTask<bool> ReportProgressAsync(string message, double? fraction = null, CancellationToken cancellationToken = default)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var body = new JsonObject { ["status"] = "in_progress", ["message"] = message };
        if (fraction is { } f)
        {
            body["progress"] = Math.Clamp(f, 0, 1);
        }

        return ReportPartialResultAsync(body, cancellationToken);
    }

    /// <summary>Sends an interim response with the given object (for example a partial result) and <c>willContinue: true</c>.</summary>
    /// <param name="response">The response object.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>True when it was sent; false when progress cannot reach the model.</returns>
    public ValueTask<bool> ReportPartialResultAsync(JsonObject response, CancellationToken cancellationToken = default)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        return _scope is { CanSendInterim: true } scope
            ? scope.SendInterimAsync(new FunctionResponse { Response = response }, cancellationToken)
            : new ValueTask<bool>(false);
    }

    /// <summary>
    /// Attaches media to the final response (<c>FunctionResponse.parts</c>), for example
    /// <c>context.AddPart(FunctionResponsePart.FromBytes(png, "image/png"))</c>. Where the model does not take media in
    /// function responses the tool loop leaves the part out and tells the model so in the response.
    /// </summary>
    /// <param name="part">The part.</param>
    /// <exception cref="InvalidOperationException">The call does not run under a tool loop, which would lose the part.</exception>
    public void AddPart(FunctionResponsePart part)
    {
        if (part is null)
        {
            throw new ArgumentNullException(nameof(part));
        }

        if (_scope is null)
        {
            throw new InvalidOperationException("LiveToolContext.AddPart needs the tool loop (RunWithToolsAsync); without it the part would be lost.");
        }

        _scope.AddPart(part);
    }

    /// <inheritdoc />
    public override string ToString() => $"LiveToolContext {FunctionName} (id {CallId})";
}
