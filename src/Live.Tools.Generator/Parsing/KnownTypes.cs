using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <summary>The symbols the parser compares against, resolved once per compilation (never stored in a model).</summary>
internal sealed partial class KnownTypes
{
    public const string LiveToolAttributeName = "Live.Tools.LiveToolAttribute";

    private KnownTypes(Compilation compilation)
    {
        Compilation = compilation;
        LiveToolAttribute = compilation.GetTypeByMetadataName(LiveToolAttributeName);
        LiveToolContext = compilation.GetTypeByMetadataName("Live.Tools.LiveToolContext");
        LiveToolJsonContextAttribute = compilation.GetTypeByMetadataName("Live.Tools.LiveToolJsonContextAttribute");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
        TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        IList = compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1");
        ICollection = compilation.GetTypeByMetadataName("System.Collections.Generic.ICollection`1");
        IEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        IReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        IReadOnlyCollection = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyCollection`1");
        HashSet = compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1");
        ImmutableArray = compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableArray`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        IDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
        DescriptionAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DescriptionAttribute");
        RangeAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.RangeAttribute");
        MinLengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.MinLengthAttribute");
        MaxLengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.MaxLengthAttribute");
        LengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.LengthAttribute");
        StringLengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.StringLengthAttribute");
        RegularExpressionAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.RegularExpressionAttribute");
        RequiredAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.RequiredAttribute");
        JsonPropertyNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        JsonIgnoreAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
        JsonStringEnumMemberNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute");
        JsonConstructorAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConstructorAttribute");
        JsonConverterAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverterAttribute");
        JsonSerializableAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        OptionalAttribute = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.OptionalAttribute");
        ReadOnlyMemory = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
        Memory = compilation.GetTypeByMetadataName("System.Memory`1");
        FlagsAttribute = compilation.GetTypeByMetadataName("System.FlagsAttribute");
        JsonIncludeAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIncludeAttribute");
        EmailAddressAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.EmailAddressAttribute");
        UrlAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.UrlAttribute");
        PhoneAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.PhoneAttribute");
        AllowedValuesAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.AllowedValuesAttribute");
        DeniedValuesAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.DeniedValuesAttribute");
        Base64StringAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Base64StringAttribute");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? LiveToolAttribute { get; }

    public INamedTypeSymbol? LiveToolContext { get; }

    public INamedTypeSymbol? LiveToolJsonContextAttribute { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? DateOnly { get; }

    public INamedTypeSymbol? TimeOnly { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol? JsonElement { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? IList { get; }

    public INamedTypeSymbol? ICollection { get; }

    public INamedTypeSymbol? IEnumerable { get; }

    public INamedTypeSymbol? IReadOnlyList { get; }

    public INamedTypeSymbol? IReadOnlyCollection { get; }

    public INamedTypeSymbol? HashSet { get; }

    public INamedTypeSymbol? ImmutableArray { get; }

    public INamedTypeSymbol? Dictionary { get; }

    public INamedTypeSymbol? IDictionary { get; }

    public INamedTypeSymbol? IReadOnlyDictionary { get; }

    public INamedTypeSymbol? DescriptionAttribute { get; }

    public INamedTypeSymbol? RangeAttribute { get; }

    public INamedTypeSymbol? MinLengthAttribute { get; }

    public INamedTypeSymbol? MaxLengthAttribute { get; }

    public INamedTypeSymbol? LengthAttribute { get; }

    public INamedTypeSymbol? StringLengthAttribute { get; }

    public INamedTypeSymbol? RegularExpressionAttribute { get; }

    public INamedTypeSymbol? RequiredAttribute { get; }

    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }

    public INamedTypeSymbol? JsonIgnoreAttribute { get; }

    public INamedTypeSymbol? JsonStringEnumMemberNameAttribute { get; }

    public INamedTypeSymbol? JsonConstructorAttribute { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonConverterAttribute</c>.</summary>
    public INamedTypeSymbol? JsonConverterAttribute { get; }

    public INamedTypeSymbol? JsonSerializableAttribute { get; }

    public INamedTypeSymbol? OptionalAttribute { get; }

    public INamedTypeSymbol? ReadOnlyMemory { get; }

    public INamedTypeSymbol? Memory { get; }

    public INamedTypeSymbol? FlagsAttribute { get; }

    public INamedTypeSymbol? JsonIncludeAttribute { get; }

    public INamedTypeSymbol? EmailAddressAttribute { get; }

    public INamedTypeSymbol? UrlAttribute { get; }

    public INamedTypeSymbol? PhoneAttribute { get; }

    public INamedTypeSymbol? AllowedValuesAttribute { get; }

    public INamedTypeSymbol? DeniedValuesAttribute { get; }

    public INamedTypeSymbol? Base64StringAttribute { get; }

    public static KnownTypes Create(Compilation compilation) => new(compilation);

    public static bool Is(ISymbol? symbol, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(symbol, known);

    public static bool IsGeneric(ITypeSymbol? symbol, INamedTypeSymbol? knownDefinition) =>
        knownDefinition is not null
        && symbol is INamedTypeSymbol { IsGenericType: true } named
        && SymbolEqualityComparer.Default.Equals(named.ConstructedFrom, knownDefinition);

    public AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (AttributeData data in Attributes(symbol))
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }
}
