namespace Live.Benchmarks.Support;

/// <summary>Takes the result of a ValueTask that (for these synchronous tools) has already completed.</summary>
public static class Sync
{
    public static T Result<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
