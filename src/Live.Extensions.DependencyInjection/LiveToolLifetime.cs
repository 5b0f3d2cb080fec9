namespace Live.DependencyInjection;

/// <summary>How long an instance of a tool type registered with the container lives.</summary>
public enum LiveToolLifetime
{
    /// <summary>
    /// One instance per Live session, resolved from a scope that lives as long as the session's
    /// <see cref="LiveSessionToolSet"/>: scoped services (a DbContext, a unit of work) are shared by every call of the session.
    /// </summary>
    PerSession,

    /// <summary>
    /// One instance per call, resolved from a new scope that is disposed as soon as the call's response is made:
    /// nothing is shared between calls, even concurrent ones.
    /// </summary>
    PerCall,
}
