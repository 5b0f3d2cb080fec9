using System;
using System.Collections.Generic;

namespace Live.Tools.Generator.Caching;

/// <summary>
/// The simple names of every type and namespace the parser finds by name (<c>GetTypeByMetadataName</c>, display
/// names) or by special type. Every tool's model depends on them, wherever they are written: a tree declaring one of
/// them (a source <c>System.Guid</c>, a <c>LiveToolAttribute</c>) invalidates every cached model.
/// </summary>
internal static class KnownNames
{
    private static readonly string[] s_metadataNames =
    [
        "Live.DependencyInjection.LiveClientBuilder",
        "Live.Tools.FromServicesAttribute",
        "Live.Tools.LiveToolAttribute",
        "Live.Tools.LiveToolContext",
        "Live.Tools.LiveToolJsonContextAttribute",
        "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata",
        "Microsoft.AspNetCore.Mvc.FromServicesAttribute",
        "Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute",
        "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute",
        "Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider",
        "System.Collections.Generic.Dictionary",
        "System.Collections.Generic.HashSet",
        "System.Collections.Generic.IAsyncEnumerable",
        "System.Collections.Generic.ICollection",
        "System.Collections.Generic.IDictionary",
        "System.Collections.Generic.IEnumerable",
        "System.Collections.Generic.IList",
        "System.Collections.Generic.IReadOnlyCollection",
        "System.Collections.Generic.IReadOnlyDictionary",
        "System.Collections.Generic.IReadOnlyList",
        "System.Collections.Generic.List",
        "System.Collections.Immutable.ImmutableArray",
        "System.ComponentModel.DataAnnotations.AllowedValuesAttribute",
        "System.ComponentModel.DataAnnotations.Base64StringAttribute",
        "System.ComponentModel.DataAnnotations.DeniedValuesAttribute",
        "System.ComponentModel.DataAnnotations.EmailAddressAttribute",
        "System.ComponentModel.DataAnnotations.LengthAttribute",
        "System.ComponentModel.DataAnnotations.MaxLengthAttribute",
        "System.ComponentModel.DataAnnotations.MinLengthAttribute",
        "System.ComponentModel.DataAnnotations.PhoneAttribute",
        "System.ComponentModel.DataAnnotations.RangeAttribute",
        "System.ComponentModel.DataAnnotations.RegularExpressionAttribute",
        "System.ComponentModel.DataAnnotations.RequiredAttribute",
        "System.ComponentModel.DataAnnotations.StringLengthAttribute",
        "System.ComponentModel.DataAnnotations.UrlAttribute",
        "System.ComponentModel.DescriptionAttribute",
        "System.DateOnly",
        "System.DateTimeOffset",
        "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute",
        "System.FlagsAttribute",
        "System.Guid",
        "System.IServiceProvider",
        "System.Memory",
        "System.ReadOnlyMemory",
        "System.Runtime.InteropServices.OptionalAttribute",
        "System.Text.Json.JsonElement",
        "System.Text.Json.Serialization.JsonConstructorAttribute",
        "System.Text.Json.Serialization.JsonConverterAttribute",
        "System.Text.Json.Serialization.JsonIgnoreAttribute",
        "System.Text.Json.Serialization.JsonIncludeAttribute",
        "System.Text.Json.Serialization.JsonPropertyNameAttribute",
        "System.Text.Json.Serialization.JsonSerializableAttribute",
        "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute",
        "System.Threading.CancellationToken",
        "System.Threading.Tasks.Task",
        "System.Threading.Tasks.ValueTask",
        "System.TimeOnly",
        "System.TimeSpan",
        "System.Uri",

        // Special types, and what a type's members and attributes are found through.
        "System.Object",
        "System.ValueType",
        "System.Enum",
        "System.Nullable",
        "System.String",
        "System.Char",
        "System.Boolean",
        "System.SByte",
        "System.Byte",
        "System.Int16",
        "System.UInt16",
        "System.Int32",
        "System.UInt32",
        "System.Int64",
        "System.UInt64",
        "System.IntPtr",
        "System.UIntPtr",
        "System.Single",
        "System.Double",
        "System.Decimal",
        "System.DateTime",
        "System.Void",
        "System.Array",
        "System.Attribute",
        "System.Delegate",
        "System.MulticastDelegate",
    ];

    /// <summary>Each name, and each attribute's name also without its <c>Attribute</c> suffix.</summary>
    public static IReadOnlyCollection<string> All { get; } = Create();

    private static HashSet<string> Create()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string metadataName in s_metadataNames)
        {
            foreach (string part in metadataName.Split('.'))
            {
                names.Add(part);
                if (part.Length > "Attribute".Length && part.EndsWith("Attribute", StringComparison.Ordinal))
                {
                    names.Add(part.Substring(0, part.Length - "Attribute".Length));
                }
            }
        }

        return names;
    }
}
