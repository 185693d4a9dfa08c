using Newsletter.Core.Mail;

namespace Newsletter.Core.Tests.Mail;

/// <summary>Who mail comes from: one rule for sign-in mails, subscription mails, digests and test sends.</summary>
public class MailSenderNameTests
{
    private static readonly AppOptions App = new() { NetworkName = "Research Network Updates" };

    [Fact]
    public void AConfiguredName_IsTheSendersName()
    {
        var sender = new MailOptions { From = "updates@news.example.org", FromName = "The Editors" }.Sender(App);

        Assert.Equal(new Mailbox("updates@news.example.org", "The Editors"), sender);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void WithoutAName_TheNetworksNameIsUsed(string fromName)
    {
        var sender = new MailOptions { From = "updates@news.example.org", FromName = fromName }.Sender(App);

        Assert.Equal(new Mailbox("updates@news.example.org", "Research Network Updates"), sender);
    }
}
