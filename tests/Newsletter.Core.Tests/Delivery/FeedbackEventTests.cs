using Newsletter.Core.Delivery;

namespace Newsletter.Core.Tests.Delivery;

public class FeedbackEventTests
{
    [Theory]
    [InlineData("550 5.1.1 <ada@example.org>: Recipient address rejected", "550 5.1.1 <[address]>: Recipient address rejected")]
    [InlineData("mailbox ada.lovelace+news@mail.example.co.uk is full", "mailbox [address] is full")]
    [InlineData("Bounced Address", "Bounced Address")]
    public void AReason_KeepsNoAddress(string reason, string kept) => Assert.Equal(kept, FeedbackEvent.CleanReason(reason));

    [Fact]
    public void AReason_IsOneBoundedLine_AndNothingWhenBlank()
    {
        var kept = FeedbackEvent.CleanReason("first line\r\nsecond line " + new string('x', 1000));

        Assert.DoesNotContain('\n', kept!);
        Assert.True(kept!.Length <= FeedbackEvent.ReasonLength);
        Assert.Null(FeedbackEvent.CleanReason("  "));
    }
}
