using BenchmarkDotNet.Running;

namespace Live.Benchmarks;

/// <summary>Modes: <c>--smoke</c>, <c>--cold-start</c>, <c>--round-trip</c>, or BenchmarkDotNet's own arguments.</summary>
public static class EntryPoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "--smoke")
        {
            return await Smoke.RunAsync(Console.Out) ? 0 : 1;
        }

        BenchmarkSwitcher.FromAssembly(typeof(EntryPoint).Assembly).Run(args);
        return 0;
    }
}
