using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>Leaving by the unsubscribe link.</summary>
public class UnsubscribeServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Unsubscribe_TakesEffectAtOnce_AndIsIdempotent()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var confirmed = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        var token = TestWorld.TokenFrom(confirmed.UnsubscribeUrl!);

        var first = await world.Unsubscribing.UnsubscribeAsync(token, None);
        var second = await world.Unsubscribing.UnsubscribeAsync(token, None);

        Assert.Equal(UnsubscribeStatus.Unsubscribed, first.Status);
        Assert.Equal(UnsubscribeStatus.AlreadyOff, second.Status);
        var reader = world.Reader("jane@example.org")!;
        Assert.Equal(ReaderState.Unsubscribed, reader.State);
        Assert.False(reader.IsMailable);
    }
}
