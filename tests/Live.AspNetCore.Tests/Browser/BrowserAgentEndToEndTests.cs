using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace Live.AspNetCore.Tests.Browser;

/// <summary>
/// The browser voice agent in a real browser: Debian's Chromium, headless, driven by Selenium through the system
/// chromedriver, with a fake microphone that plays a recorded question. The sample app (samples/BrowserAgent) runs in
/// its own process, offline on the embedded Live emulator, on 127.0.0.1 with an ephemeral port.
/// </summary>
[Collection("Chromium")]
public sealed class BrowserAgentEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Spoken_question_reaches_the_emulator_the_tool_runs_on_the_server_and_the_page_shows_and_plays_the_answer()
    {
        string wav = HeadlessChromium.WriteSpokenQuestionWav();
        await using var app = await SampleApp.StartAsync(output);
        using var browser = HeadlessChromium.Start(wav);
        ChromeDriver driver = browser.Driver;
        try
        {
            driver.Navigate().GoToUrl(app.Url);
            driver.FindElement(By.Id("start")).Click();

            // Wait until the page has played the answer that the emulator built from the tool's output.
            JsonElement state = await browser.WaitForPageAsync(s =>
                s.GetProperty("tools").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "result")
                && s.GetProperty("transcript").EnumerateArray().Any(t => t.GetProperty("role").GetString() == "model" && t.GetProperty("text").GetString()!.Contains("I heard", StringComparison.Ordinal))
                && s.GetProperty("samplesPlayed").GetInt64() >= 24_000, s_timeout);

            output.WriteLine("window.liveAgent: " + state.GetRawText());

            // The microphone's audio went through the relay: the emulator heard seconds of it, not a stray frame.
            Assert.True(state.GetProperty("framesSent").GetInt32() >= 25, "the page sent at least a second of microphone frames");
            Assert.True(state.GetProperty("turnsEnded").GetInt32() >= 1, "the page detected the pause after the spoken question");
            JsonElement[] transcript = [.. state.GetProperty("transcript").EnumerateArray()];
            Assert.Contains(transcript, t => t.GetProperty("role").GetString() == "user" && t.GetProperty("text").GetString() == "What is the weather in Tokyo?");
            string answer = transcript.First(t => t.GetProperty("role").GetString() == "model").GetProperty("text").GetString()!;
            Assert.StartsWith("In Tokyo it is 18.5 degrees with light rain.", answer, StringComparison.Ordinal);
            double heardSeconds = double.Parse(answer.Split("I heard ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(heardSeconds >= 1.0, $"the emulator heard {heardSeconds} s of audio; the spoken question lasts about 2 s");

            // The tool ran on the server: the page saw the call and its result, and the sample's console logged it.
            JsonElement[] tools = [.. state.GetProperty("tools").EnumerateArray()];
            JsonElement call = tools.First(t => t.GetProperty("kind").GetString() == "call");
            Assert.Equal("get_weather", call.GetProperty("name").GetString());
            Assert.Equal("Tokyo", call.GetProperty("args").GetProperty("location").GetString());
            JsonElement result = tools.First(t => t.GetProperty("kind").GetString() == "result");
            Assert.Equal(call.GetProperty("id").GetString(), result.GetProperty("id").GetString());
            Assert.False(result.GetProperty("isError").GetBoolean());
            JsonElement report = result.GetProperty("response").GetProperty("output");
            Assert.Equal("light rain", report.GetProperty("conditions").GetString());
            Assert.Contains("tool   › get_weather(\"Tokyo\")", app.Output, StringComparison.Ordinal);

            // What the user sees: both panels.
            Assert.Contains("What is the weather in Tokyo?", driver.FindElement(By.Id("transcript")).Text, StringComparison.Ordinal);
            Assert.Contains("In Tokyo it is 18.5 degrees", driver.FindElement(By.Id("transcript")).Text, StringComparison.Ordinal);
            string toolPanel = driver.FindElement(By.Id("tools")).Text;
            Assert.Contains("get_weather({\"location\":\"Tokyo\"})", toolPanel, StringComparison.Ordinal);
            Assert.Contains("\"conditions\":\"light rain\"", toolPanel, StringComparison.Ordinal);

            // Audio came back and was played: the playback worklet counted the samples it output.
            Assert.True(state.GetProperty("samplesReceived").GetInt64() >= 24_000, "at least a second of the model's audio reached the page");
            Assert.True(state.GetProperty("samplesPlayed").GetInt64() >= 24_000, "the page played at least a second of it");
            Assert.Empty(state.GetProperty("errors").EnumerateArray());
        }
        finally
        {
            output.WriteLine("screenshot: " + browser.SaveScreenshot("browser-agent.png"));
        }
    }

    /// <summary>The sample app in its own process, started as a user would, on 127.0.0.1 with an ephemeral port.</summary>
    private sealed class SampleApp : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private SampleApp(Process process) => _process = process;

        public string Url { get; private set; } = string.Empty;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<SampleApp> StartAsync(ITestOutputHelper log)
        {
            string configuration = typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "Configuration").Value!;
            string dll = Path.Combine(TestRepository.Root, "samples", "BrowserAgent", "bin", configuration, "net10.0", "BrowserAgent.dll");
            Assert.True(File.Exists(dll), "the sample was built with the tests: " + dll);

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");

            // Offline: the emulator, whatever the machine's environment says.
            start.Environment.Remove("GEMINI_API_KEY");
            start.Environment.Remove("GOOGLE_API_KEY");
            var app = new SampleApp(Process.Start(start)!);
            var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnLine(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (app._output)
                {
                    app._output.AppendLine(line);
                }

                int at = line.IndexOf("Open http://", StringComparison.Ordinal);
                if (at >= 0)
                {
                    url.TrySetResult(line[(at + 5)..].Split(' ')[0]);
                }
            }

            app._process.OutputDataReceived += (_, e) => OnLine(e.Data);
            app._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            try
            {
                app.Url = await url.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                await app.DisposeAsync();
                throw new TimeoutException("The sample did not print its URL within 60 s. Output:\n" + app.Output);
            }

            log.WriteLine("sample: " + app.Url);
            return app;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
