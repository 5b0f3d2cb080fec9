namespace Live.Packaging.Tests;

/// <summary>The tests that build with the SDK in child processes run one at a time: they are heavy, and machines are small.</summary>
[CollectionDefinition(Name)]
public sealed class SdkBuildCollection
{
    public const string Name = "SDK builds";
}
