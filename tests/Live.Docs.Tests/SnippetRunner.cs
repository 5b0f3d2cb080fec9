using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Testing;

namespace Live.Docs.Tests;

/// <summary>
/// Runs a compiled snippet: its program (top-level statements or <c>Main</c>) and every xunit <c>[Fact]</c> it declares,
/// with the console captured and <c>GOOGLE_GEMINI_BASE_URL</c> pointing at an embedded emulator, so that
/// <c>new Client(apiKey: "YOUR_API_KEY")</c> written as in the docs talks to it.
/// </summary>
internal static class SnippetRunner
{
    /// <summary>The API key the docs write, which the emulator accepts.</summary>
    public const string ApiKey = "YOUR_API_KEY";

    /// <summary>What the emulated model answers when no weather question is asked.</summary>
    public const string SmallTalk = "I am fine, thank you.";

    private static readonly string[] s_variables = ["GOOGLE_GEMINI_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI", "ASPNETCORE_URLS"];

    public static async Task<string> RunAsync(byte[] image, TimeSpan timeout)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ApiKey = ApiKey });
        AddModel(emulator);

        Dictionary<string, string?> saved = s_variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        TextWriter console = Console.Out;
        var output = new StringWriter();
        var context = new AssemblyLoadContext("snippet", isCollectible: true);
        try
        {
            Environment.SetEnvironmentVariable("GOOGLE_GEMINI_BASE_URL", emulator.BaseUrl.ToString());
            Environment.SetEnvironmentVariable("GEMINI_API_KEY", ApiKey);
            Environment.SetEnvironmentVariable("GOOGLE_API_KEY", null);
            Environment.SetEnvironmentVariable("GOOGLE_GENAI_USE_VERTEXAI", null);
            // A snippet's ASP.NET Core app listens on a free loopback port, never on the default localhost:5000.
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:0");
            Console.SetOut(TextWriter.Synchronized(output));

            Assembly assembly = context.LoadFromStream(new MemoryStream(image));
            int ran = 0;
            if (assembly.EntryPoint is { } entry)
            {
                ran++;
                object? result = await Task.Run(() => entry.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]))
                    .WaitAsync(timeout);
                if (result is int code && code != 0)
                {
                    throw new InvalidOperationException($"The program returned {code}.");
                }
            }

            foreach (Type type in assembly.GetExportedTypes())
            {
                foreach (MethodInfo fact in type.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null))
                {
                    ran++;
                    object? instance = fact.IsStatic ? null : Activator.CreateInstance(type);
                    try
                    {
                        if (fact.Invoke(instance, []) is Task task)
                        {
                            await task.WaitAsync(timeout);
                        }
                    }
                    finally
                    {
                        if (instance is IAsyncDisposable asyncDisposable)
                        {
                            await asyncDisposable.DisposeAsync();
                        }
                        else if (instance is IDisposable disposable)
                        {
                            disposable.Dispose();
                        }
                    }
                }
            }

            if (ran == 0)
            {
                throw new InvalidOperationException("The snippet runs nothing: it has no program and no [Fact]. Give it a context that runs it.");
            }

            Assert.True(emulator.Failures.Count == 0, "The emulator reported: " + string.Join("; ", emulator.Failures));
            return output.ToString();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The snippet did not finish within {timeout.TotalSeconds:0} s. Output so far:\n{output}");
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            string connections = string.Join("\n", emulator.Connections.Select(c =>
                $"connection {c.Number}: open {c.IsOpen}, server close {c.ServerCloseStatus} {c.ServerCloseReason}, client close {c.ClientCloseStatus}, aborted {c.Aborted}"));
            throw new InvalidOperationException(
                $"The snippet threw {inner.GetType().Name}: {inner}\nEmulator: {string.Join("; ", emulator.Failures)}\n{connections}\nOutput so far:\n{output}",
                inner);
        }
        finally
        {
            Console.SetOut(console);
            foreach ((string name, string? value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            context.Unload();
        }
    }

    /// <summary>
    /// The model the snippets talk to: a question about the weather in a city calls <c>get_weather</c> with the city in every
    /// required string parameter of the session's declaration, and the tool's output comes back in the answer; anything
    /// else gets small talk.
    /// </summary>
    private static void AddModel(LiveEmulator emulator) => emulator
        .OnUserText(@"weather in (?<city>[A-Za-z]+)", turn => turn.CallTool("get_weather", WeatherArguments(turn)))
        .OnToolResponse("get_weather", turn => turn.Say($"The weather: {turn.Output.GetRawText()}"))
        .Otherwise(turn => turn.Say(SmallTalk));

    private static JsonObject WeatherArguments(EmulatorTurn turn)
    {
        var args = new JsonObject();
        foreach (JsonElement tool in turn.Connection.Setup.GetProperty("tools").EnumerateArray())
        {
            foreach (JsonElement declaration in tool.GetProperty("functionDeclarations").EnumerateArray())
            {
                if (declaration.GetProperty("name").GetString() != "get_weather" || !declaration.TryGetProperty("parameters", out JsonElement parameters))
                {
                    continue;
                }

                foreach (JsonElement required in parameters.TryGetProperty("required", out JsonElement r) ? r.EnumerateArray() : default)
                {
                    string name = required.GetString()!;
                    if (parameters.GetProperty("properties").GetProperty(name).GetProperty("type").GetString() == "STRING")
                    {
                        args[name] = turn["city"];
                    }
                }
            }
        }

        return args;
    }
}
