using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Portal;

namespace Newsletter.Functions.Tests;

/// <summary>Release mails whose queue write fails are kept and queued later: at least once, and mailed once.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task ANoticeWhoseQueueWriteFails_IsKept_AndTheTimerQueuesItOnce_SoTheContactGetsItOnce()
    {
        var kth = await SignInAsync("press@kth.se");

        // The first queue write (the "received" mail) fails; the upload and its next mail go on.
        noticeQueueFailures = 1;
        await SubmitInPortalAsync(kth, "# Sensors in the clinic\n\nResearchers at KTH show a sensor that reads the heart's field.\n");
        Assert.Equal(["Release waiting for review: Sensors in the clinic"], sent.Select(m => m.Subject));

        // Within the grace period the timer leaves it (its first write may still be under way); after it, queues it once.
        Assert.Equal(0, await RequeueNoticesAsync());
        clock.Advance(ReleaseNotices.PendingGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RequeueNoticesAsync());
        await DrainNoticesAsync();
        Assert.Equal(0, await RequeueNoticesAsync());
        await DrainNoticesAsync();

        Assert.Equal(["Release received: Sensors in the clinic", "Release waiting for review: Sensors in the clinic"], sent.Select(m => m.Subject).Order());
        Assert.All(sent, m => Assert.Equal("press@kth.se", m.To.Address));
    }

    [Fact]
    public async Task ANoticeQueuedByTheTimerAndItsFirstWriteToo_MailsTheContactOnce()
    {
        var kth = await SignInAsync("press@kth.se");
        noticeQueueFailures = 1;
        var (_, update) = await SubmitInPortalAsync(kth, "# A second sensor\n\nResearchers at KTH show a second sensor that reads the heart's field.\n");
        clock.Advance(ReleaseNotices.PendingGrace + TimeSpan.FromSeconds(1));

        // A second instance runs the timer at the same moment: the kept job is queued twice.
        await Task.WhenAll(RequeueNoticesAsync(), RequeueNoticesAsync());
        await DrainNoticesAsync();

        Assert.Single(sent, m => m.Subject == "Release received: A second sensor");
        Assert.Equal("kth", update.MemberId);
    }

    private async Task<int> RequeueNoticesAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReleaseNotices>().RequeuePendingAsync(CancellationToken.None);
    }

    /// <summary>The release-notices queue, failing while <c>fail</c> says so (storage unreachable for a moment).</summary>
    private sealed class FlakyNoticeQueue(IReleaseNoticePublisher inner, Func<bool> fail) : IReleaseNoticePublisher
    {
        public Task EnqueueAsync(ReleaseNoticeJob job, CancellationToken cancellationToken) =>
            fail() ? throw new IOException("The queue is unreachable.") : inner.EnqueueAsync(job, cancellationToken);
    }
}
