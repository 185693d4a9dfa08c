using Newsletter.Core.Mail;

namespace Newsletter.Functions.Tests;

/// <summary>The mail transport of the function tests: keeps every message sent, for the test to read.</summary>
internal sealed class CapturingSender : IMailSender
{
    public List<MailMessage> Sent { get; } = [];

    public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
