namespace Live.Reliability.Tests.Infrastructure;

/// <summary>
/// The fuzz tests run alone (after the parallel tests), so their time and memory figures measure the fuzzing only.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzzing";
}
