using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>The address in the links <c>digest run</c> mails: the running serve's, or none at all.</summary>
[Collection(AzuriteCollection.Name)]
public class DigestAddressTests(AzuriteFixture azurite)
{
    private static readonly string Cli = Path.Combine(RepositoryPaths.OutputOf("Newsletter.Cli"), "newsletter.dll");

    /// <summary>One update published a few minutes ago and two active daily readers.</summary>
    private static async Task SeedAsync(string storage)
    {
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = storage, InMemory = true });
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await host.Services.GetRequiredService<IUpdateStore>().TryAddAsync(new Update
        {
            Id = "u1", MemberId = "m", ReleaseId = "r1", Title = "Quantum sensor prototype", Date = DateOnly.FromDateTime(at.UtcDateTime),
            Organisation = "Example Institute", Summary = "A sensor.", BodyHtml = "<p>x</p>", BodyText = "x", ContentHash = "h1",
            Status = UpdateStatus.Published, CreatedAt = at, PublishedAt = at,
        }, CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            Assert.True(ReaderKey.TryParse(id, out var key));
            await host.Services.GetRequiredService<IReaderStore>().SaveAsync(
                TestData.ActiveReader(id, key.Bucket, $"reader{i}@example.org", at.AddDays(-1), Frequency.Daily), CancellationToken.None);
        }
    }

    [Fact]
    public async Task DigestRun_WithNoServeAndNoBaseUrl_RefusesAndComposesNothing()
    {
        var storage = azurite.NewAccount();
        var data = Directory.CreateTempSubdirectory("digest-address-").FullName;
        await SeedAsync(storage);

        var (exit, output, error) = await CommandTests.RunAsync("digest", "run", "--frequency", "daily", "--storage", storage, "--data-dir", data);

        Assert.True(exit == 2, output + error);
        Assert.Contains("no public address", error, StringComparison.Ordinal);
        Assert.DoesNotContain("edition:", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "outbox")) && Directory.EnumerateFiles(Path.Combine(data, "outbox")).Any());
        // Nothing was composed: with an address given, the same run composes the edition now.
        var (later, composed, _) = await CommandTests.RunAsync(CommandTests.PublicAddress, "digest", "run", "--frequency", "daily", "--storage", storage, "--data-dir", data);
        Assert.Equal(0, later);
        Assert.DoesNotContain("composed earlier", composed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestRun_WhileServeRunsOnAnotherPort_MailsLinksToThatPort()
    {
        var storage = azurite.NewAccount();
        var data = Directory.CreateTempSubdirectory("digest-address-").FullName;
        await SeedAsync(storage);
        var port = AzuriteServer.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Cli, "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--storage", storage, "--data-dir", data })
        {
            info.ArgumentList.Add(arg);
        }

        using var serve = Process.Start(info)!;
        serve.OutputDataReceived += (_, _) => { };
        serve.ErrorDataReceived += (_, _) => { };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK && File.Exists(Path.Combine(data, "serve.json"));
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), "serve answering /api/health");

            // As the README has it: no --storage, no App:BaseUrl; the command finds the running serve.
            var (exit, output, error) = await CommandTests.RunAsync("digest", "run", "--frequency", "daily", "--data-dir", data);

            Assert.True(exit == 0, output + error);
            var mails = Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml").Select(path => MimeKit.MimeMessage.Load(path)).ToArray();
            Assert.Equal(2, mails.Length);
            Assert.All(mails, mail =>
            {
                Assert.Contains($"http://127.0.0.1:{port}/", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains($"http://127.0.0.1:{port}/", mail.HtmlBody, StringComparison.Ordinal);
                Assert.DoesNotContain("127.0.0.1:7071", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
                Assert.StartsWith($"<http://127.0.0.1:{port}/", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            });
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
