using System.Diagnostics;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Live.AspNetCore.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven by Selenium through the system chromedriver (no browser download), with a fake
/// microphone that plays a WAV file and a fake permission prompt that grants it.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private readonly ChromeDriverService _service;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver)
    {
        _service = service;
        Driver = driver;
    }

    public ChromeDriver Driver { get; }

    /// <summary>The folder of this run's artifacts (fake microphone, screenshots), under the test's output folder.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public static HeadlessChromium Start(string microphoneWav)
    {
        string chromium = FindExecutable("LIVE_CHROMIUM", "chromium", "chromium-browser")
            ?? throw new InvalidOperationException("Chromium was not found (install Debian's chromium and chromium-driver, as .ci/run does, or set LIVE_CHROMIUM).");
        string chromedriver = FindExecutable("LIVE_CHROMEDRIVER", "chromedriver")
            ?? throw new InvalidOperationException("chromedriver was not found (install Debian's chromium-driver, as .ci/run does, or set LIVE_CHROMEDRIVER).");

        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--window-size=1200,760",
            "--autoplay-policy=no-user-gesture-required",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--use-file-for-fake-audio-capture=" + microphoneWav);
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        try
        {
            return new HeadlessChromium(service, new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The fake microphone: "What is the weather in Tokyo?" (the AudioStream sample's recording, 16 kHz 16-bit mono),
    /// with 0.5 s of silence before it and 2 s after, so the page's pause detector ends the turn. Chromium loops it.
    /// </summary>
    public static string WriteSpokenQuestionWav()
    {
        string path = Path.Combine(Artifacts, "question.wav");
        byte[] speech = File.ReadAllBytes(Path.Combine(TestRepository.Root, "samples", "AudioStream", "question.pcm"));
        const int Rate = 16_000;
        byte[] pcm = new byte[(Rate * 2 / 2) + speech.Length + (Rate * 2 * 2)];
        speech.CopyTo(pcm, Rate);
        TestWav.Write(path, pcm, Rate);
        return path;
    }

    /// <summary>Reads <c>window.liveAgent</c> (the page's counters, transcript and tool activity).</summary>
    public JsonElement PageState()
    {
        string json = (string?)Driver.ExecuteScript("return JSON.stringify(window.liveAgent);") ?? "null";
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>Polls <c>window.liveAgent</c> until <paramref name="done"/> holds; fails early when the page reports an error or a closed socket.</summary>
    public async Task<JsonElement> WaitForPageAsync(Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonElement state = default;
        while (clock.Elapsed < timeout)
        {
            state = PageState();
            if (done(state))
            {
                return state;
            }

            if (state.GetProperty("errors").GetArrayLength() > 0 || state.GetProperty("status").GetString()!.StartsWith("closed", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The page did not get there within {timeout.TotalSeconds} s. window.liveAgent: {state.GetRawText()}");
    }

    public string SaveScreenshot(string name)
    {
        string path = Path.Combine(Artifacts, name);
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _service.Dispose();
    }

    private static string? FindExecutable(string variable, params string[] names)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
