using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Cli.Hosting;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Cli.Tests;

public class LocalBlobEventsTests
{
    private static LocalBlobEvents Events() => new(
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        StorageClients.FromConnectionString("UseDevelopmentStorage=true"),
        NullLogger<LocalBlobEvents>.Instance);

    [Fact]
    public async Task OneUpload_IsIngestedByOneCallerAtATime_TheEventAndTheSweepTakeTurns()
    {
        var events = Events();
        var first = new TaskCompletionSource();
        var order = new List<string>();

        var eventCall = events.OneAtATimeAsync("kth/a.txt", async () => { order.Add("event starts"); await first.Task; order.Add("event ends"); });
        var sweepCall = events.OneAtATimeAsync("kth/a.txt", () => { order.Add("sweep"); return Task.CompletedTask; });
        var otherCall = events.OneAtATimeAsync("kth/b.txt", () => { order.Add("other upload"); return Task.CompletedTask; });

        await otherCall;
        Assert.False(sweepCall.IsCompleted);
        first.SetResult();
        await Task.WhenAll(eventCall, sweepCall);
        Assert.Equal(["event starts", "other upload", "event ends", "sweep"], order);
    }

    [Fact]
    public async Task AFailedIngestion_DoesNotStopTheNextOneForTheSameUpload()
    {
        var events = Events();
        var failing = events.OneAtATimeAsync("kth/a.txt", () => Task.FromException(new InvalidOperationException("storage down")));
        var ran = false;
        var next = events.OneAtATimeAsync("kth/a.txt", () => { ran = true; return Task.CompletedTask; });

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await next;
        Assert.True(ran);
    }
}
