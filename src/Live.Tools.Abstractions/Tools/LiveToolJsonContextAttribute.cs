namespace Live.Tools;

/// <summary>
/// Names a source-generated <c>JsonSerializerContext</c> that writes the results of this type's
/// <see cref="LiveToolAttribute"/> methods. A result type the context declares with <c>[JsonSerializable]</c> is
/// written with the context's <c>JsonTypeInfo</c> (its naming policy and converters); other results are written by
/// the generated code. A result type the generator cannot write needs such a context.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class LiveToolJsonContextAttribute : Attribute
{
    /// <summary>Names the context.</summary>
    /// <param name="contextType">A <c>JsonSerializerContext</c> with a static <c>Default</c> instance (as the System.Text.Json source generator makes it).</param>
    public LiveToolJsonContextAttribute(Type contextType)
    {
        ContextType = contextType;
    }

    /// <summary>The context type.</summary>
    public Type ContextType { get; }
}
