using Microsoft.Playwright;
using MimeKit;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>What the browser journeys share: Debian's Chromium, headless and offline, and the local outbox.</summary>
internal static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium package.");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The count-th mail in the outbox (oldest first), once it is there.</summary>
    public static async Task<MimeMessage> MailAsync(string outbox, int count)
    {
        var files = await Eventually.ValueAsync(() => Task.FromResult(
            Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml").Length >= count ? Directory.GetFiles(outbox, "*.eml").Order().ToArray() : null),
            TimeSpan.FromSeconds(30), $"mail #{count} in the outbox");
        return await MimeMessage.LoadAsync(files[count - 1]);
    }
}
