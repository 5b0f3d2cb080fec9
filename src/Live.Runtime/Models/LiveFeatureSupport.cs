namespace Live;

/// <summary>Whether a model (on a backend) accepts a setting or wire field, as a <see cref="LiveModelProfile"/> records it.</summary>
public enum LiveFeatureSupport
{
    /// <summary>Not known: the toolkit sends what it is given and checks nothing.</summary>
    Unknown = 0,

    /// <summary>Accepted.</summary>
    Supported,

    /// <summary>Not accepted: a setup that needs it fails before connecting; a response field is left out (with the documented fallback).</summary>
    NotSupported,

    /// <summary>Always on: setting it is redundant and turning it off is refused (proactive audio on Gemini 3.8 Live).</summary>
    AlwaysOn,
}
