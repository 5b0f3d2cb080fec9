using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Live.Benchmarks;

/// <summary>
/// Runs every benchmark class in-process without timing: [GlobalSetup] (which checks that every approach writes the same
/// bytes), then each [Benchmark] body a few times, then [GlobalCleanup]. Proves the suite works; measures nothing.
/// </summary>
public static class Smoke
{
    public const int Repetitions = 3;

    public static async Task<bool> RunAsync(TextWriter log)
    {
        bool ok = true;
        foreach (Type type in typeof(Smoke).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            MethodInfo[] benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
            if (benchmarks.Length == 0)
            {
                continue;
            }

            foreach (object?[] parameters in ParameterSets(type))
            {
                object instance = Activator.CreateInstance(type)!;
                string label = type.Name + (parameters.Length == 0 ? "" : $"({string.Join(", ", parameters)})");
                try
                {
                    ApplyParameters(type, instance, parameters);
                    await InvokeAllAsync(type, instance, typeof(GlobalSetupAttribute));
                    foreach (MethodInfo benchmark in benchmarks)
                    {
                        for (int i = 0; i < Repetitions; i++)
                        {
                            await AwaitIfNeeded(benchmark.Invoke(instance, null));
                        }
                    }

                    await InvokeAllAsync(type, instance, typeof(GlobalCleanupAttribute));
                    log.WriteLine($"ok    {label}: {benchmarks.Length} benchmark(s) x {Repetitions}");
                }
                catch (Exception ex)
                {
                    ok = false;
                    Exception shown = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                    log.WriteLine($"FAIL  {label}: {shown}");
                }
            }
        }

        return ok;
    }

    private static IEnumerable<object?[]> ParameterSets(Type type)
    {
        PropertyInfo? param = type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
        if (param is null)
        {
            yield return [];
            yield break;
        }

        foreach (object? value in param.GetCustomAttribute<ParamsAttribute>()!.Values)
        {
            yield return [value];
        }
    }

    private static void ApplyParameters(Type type, object instance, object?[] parameters)
    {
        if (parameters.Length == 1)
        {
            type.GetProperties().First(p => p.GetCustomAttribute<ParamsAttribute>() is not null).SetValue(instance, parameters[0]);
        }
    }

    private static async Task InvokeAllAsync(Type type, object instance, Type attribute)
    {
        foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute(attribute) is not null))
        {
            await AwaitIfNeeded(method.Invoke(instance, null));
        }
    }

    private static async Task AwaitIfNeeded(object? result)
    {
        switch (result)
        {
            case Task task:
                await task;
                break;
            case ValueTask valueTask:
                await valueTask;
                break;
        }
    }
}
