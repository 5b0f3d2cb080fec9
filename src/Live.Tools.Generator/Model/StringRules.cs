using System;

namespace Live.Tools.Generator.Model;

/// <summary>The DataAnnotations that check the form of a string, each enforced by the dispatcher.</summary>
[Flags]
internal enum StringRules
{
    None = 0,

    /// <summary><c>[EmailAddress]</c>: one <c>@</c>, neither first nor last (the DataAnnotations rule).</summary>
    EmailAddress = 1,

    /// <summary><c>[Url]</c>: starts with <c>http://</c>, <c>https://</c> or <c>ftp://</c> (the DataAnnotations rule).</summary>
    Url = 2,

    /// <summary><c>[Phone]</c>: digits, white space and <c>+-.()</c>, an optional extension (the DataAnnotations rule).</summary>
    Phone = 4,

    /// <summary><c>[Base64String]</c>: valid base64.</summary>
    Base64 = 8,

    /// <summary><c>[Range]</c> on a string: the text is a number (invariant culture) within the bounds.</summary>
    NumberInRange = 16,
}
