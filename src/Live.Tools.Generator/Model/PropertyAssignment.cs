namespace Live.Tools.Generator.Model;

/// <summary>How a member of an object receives its value when the object is read.</summary>
internal enum PropertyAssignment
{
    /// <summary>A constructor argument.</summary>
    Constructor,

    /// <summary>Set in the object initializer (<c>init</c> or <c>required</c> members).</summary>
    Initializer,

    /// <summary>Set after construction when present (settable members).</summary>
    Setter,

    /// <summary>Only read (when writing results).</summary>
    Read,
}
