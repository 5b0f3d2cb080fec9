namespace Live.Sessions.Tests;

/// <summary>
/// The entry point when this assembly runs as a child process (<c>dotnet Live.Sessions.Tests.dll agent …</c>), for the
/// two-process resumption test; the test runner does not use it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "agent")
        {
            return await ResumptionAgent.RunAsync(args.AsSpan(1).ToArray());
        }

        await Console.Error.WriteLineAsync("usage: Live.Sessions.Tests agent --emulator URL --key KEY --redis HOST:PORT --conversation ID --phase hold|resume");
        return 2;
    }
}
