using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsletter.Cli.Hosting;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>
/// A queue message that finishes after the local host disposed its services made the SDK's logging throw, and
/// the SDK's default handler then ended the whole process (a test run crashed with ObjectDisposedException).
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ShutdownExceptionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheLocalHost_HandsTheSdksLastResortToTheShutdownTolerantHandler()
    {
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = Directory.CreateTempSubdirectory("shutdown-test-").FullName,
        });

        Assert.IsType<ShutdownTolerantExceptionHandler>(host.Services.GetRequiredService<IWebJobsExceptionHandler>());
    }

    [Fact]
    public async Task WhileTheHostStops_AnExceptionIsWrittenDown_AndDoesNotEndTheProcess()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        using var errors = new StringWriter();
        var handler = new ShutdownTolerantExceptionHandler(new Lifetime(stopping.Token), errors);

        await handler.OnUnhandledExceptionAsync(ExceptionDispatchInfo.Capture(new ObjectDisposedException("LoggerFactory")));

        Assert.Contains("While stopping, a background task ended with ObjectDisposedException", errors.ToString(), StringComparison.Ordinal);
    }

    private sealed class Lifetime(CancellationToken stopping) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
