namespace Live;

/// <summary>The model and session configuration an ephemeral token is bound to (<see cref="CreateAuthTokenConfig.LiveConnectConstraints"/>).</summary>
public sealed class LiveConnectConstraints
{
    /// <summary>The model, for example <c>gemini-live-2.5-flash-preview</c> (normalised to <c>models/…</c>). Required.</summary>
    public string? Model { get; set; }

    /// <summary>The session configuration to lock; the same type as for <see cref="AsyncLive.ConnectAsync"/>.</summary>
    public LiveConnectConfig? Config { get; set; }
}
