using Live.Extensions.Caching;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Live.Sessions.Tests;

/// <summary>
/// A voice-agent process in miniature: opens (or resumes) a conversation through the Redis-backed resumption store,
/// keeps the store up to date, and prints what happens on stdout, one line per event.
/// <c>hold</c>: says "remember pineapple", then holds the session until killed. <c>resume</c>: asks what it should
/// remember, prints the answer and exits.
/// </summary>
internal static class ResumptionAgent
{
    public const string Model = "gemini-live-2.5-flash-preview";

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, "--" + name) + 1];

        using var cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = Arg("redis") + ",abortConnect=false,connectTimeout=5000" }));
        var store = new DistributedCacheResumptionStore(cache);
        var client = new Client(new ClientOptions { ApiKey = Arg("key"), BaseUrl = new Uri(Arg("emulator")) });
        string conversation = Arg("conversation");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await using AsyncSession session = await client.Live.ConnectOrResumeAsync(
            Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] }, store, conversation, timeout.Token);
        Console.WriteLine(session.Config.SessionResumption?.Handle is null ? "NEW" : "RESUMED");

        if (Arg("phase") == "hold")
        {
            await session.SendClientContentAsync("Please remember pineapple.", turnComplete: true, timeout.Token);
            await foreach (LiveServerMessage message in session.ReceiveAsync(timeout.Token))
            {
                if (await store.SaveResumptionHandleAsync(conversation, message, timeout.Token))
                {
                    Console.WriteLine("HANDLE-STORED");
                }
            }

            return 1;
        }

        await session.SendClientContentAsync("What did I ask you to remember?", turnComplete: true, timeout.Token);
        var answer = new System.Text.StringBuilder();
        bool complete = false;
        await foreach (LiveServerMessage message in session.ReceiveAsync(timeout.Token))
        {
            bool stored = await store.SaveResumptionHandleAsync(conversation, message, timeout.Token);
            if (!complete)
            {
                answer.Append(message.Text);
                if (message.ServerContent?.TurnComplete == true)
                {
                    complete = true;
                    Console.WriteLine("ANSWER: " + answer);
                }
            }
            else if (stored)
            {
                // The handle after the answer is in the store: the next process resumes from here.
                Console.WriteLine("HANDLE-STORED");
                return 0;
            }
        }

        return 1;
    }
}
