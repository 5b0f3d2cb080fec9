using System.Text.Json;
using Live.AspNetCore.Tests.Relay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Live.AspNetCore.Tests.Browser;

/// <summary>
/// Barge-in in a real browser: the sample's page, served by an in-process app with the relay, plays a long answer;
/// the user speaks again (the fake microphone loops the question), the model is interrupted, and the page stops
/// playing at once, dropping what it had buffered.
/// </summary>
[Collection("Chromium")]
public sealed class BargeInBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task On_interrupted_the_page_stops_playback_at_once_and_drops_the_buffered_answer()
    {
        string wav = HeadlessChromium.WriteSpokenQuestionWav();
        string webRoot = Path.Combine(TestRepository.Root, "samples", "BrowserAgent", "wwwroot");
        await using RelayHost host = await RelayHost.StartAsync(
            webRoot: webRoot,
            beforeRelay: app =>
            {
                app.UseDefaultFiles();
                app.UseStaticFiles();
                app.MapGet("/config.json", (RequestDelegate)(c => c.Response.WriteAsync("""{"mode":"offline","relay":"/live","pauseEndsTurn":true}""")));
            });

        // First pause: a long answer (about 20 s of audio, sent at once, as the service streams faster than real time).
        // Second pause (the looped question, a few seconds later): the user spoke over the answer, so: interrupted.
        int turns = 0;
        host.Emulator.OnAudio(turn =>
        {
            if (Interlocked.Increment(ref turns) == 1)
            {
                turn.TranscribeInput("Tell me a long story.").Say(string.Join(' ', Enumerable.Repeat("once upon a time there was a weather report", 10)));
            }
            else
            {
                turn.Interrupt().TranscribeInput("Stop.").Say("Stopped.");
            }
        });

        using var browser = HeadlessChromium.Start(wav);
        try
        {
            browser.Driver.Navigate().GoToUrl(host.BaseUrl);
            browser.Driver.FindElement(OpenQA.Selenium.By.Id("start")).Click();

            JsonElement before = await browser.WaitForPageAsync(s => s.GetProperty("samplesPlayed").GetInt64() >= 24_000, TimeSpan.FromSeconds(60));
            JsonElement after = await browser.WaitForPageAsync(s => s.GetProperty("interruptions").GetInt32() >= 1, TimeSpan.FromSeconds(60));
            await Task.Delay(300);
            JsonElement settled = browser.PageState();
            output.WriteLine("before: " + before.GetRawText());
            output.WriteLine("after:  " + settled.GetRawText());

            long received = settled.GetProperty("samplesReceived").GetInt64();
            long played = settled.GetProperty("samplesPlayed").GetInt64();
            long flushed = settled.GetProperty("samplesFlushed").GetInt64();

            // The long answer was still playing when the interruption came: what was left of it was dropped, not played.
            Assert.True(flushed >= 24_000, $"at least a second of buffered answer was dropped (flushed {flushed})");
            Assert.True(played + flushed <= received, $"played {played} + flushed {flushed} <= received {received}");
            Assert.True(played < received - 24_000, $"the page did not play the whole long answer (played {played} of {received})");

            // Playback stopped at once: only the short answer after the interruption (about half a second) plays on.
            long playedAtInterruption = after.GetProperty("samplesPlayed").GetInt64();
            await Task.Delay(2_000);
            long playedLater = browser.PageState().GetProperty("samplesPlayed").GetInt64();
            Assert.True(playedLater - playedAtInterruption < 24_000, $"after the interruption the page played {playedLater - playedAtInterruption} more samples; the long answer had {received} in all");
            Assert.Contains("(interrupted)", browser.Driver.FindElement(OpenQA.Selenium.By.Id("transcript")).Text, StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine("screenshot: " + browser.SaveScreenshot("barge-in.png"));
        }
    }
}
