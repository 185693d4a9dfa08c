namespace Newsletter.Core.Subscriptions;

/// <summary>Confirmation: a pending reader's click on the mailed link makes them active.</summary>
public sealed class ConfirmationService(ReaderUpdates readers, ReaderLinks links, IMailJobPublisher mails, TimeProvider time)
{
    /// <summary>Activates a pending reader from a confirmation link, records the consent, and queues the welcome mail.</summary>
    public async Task<ConfirmResult> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var link = readers.Check(token, TokenPurpose.Confirm);
        if (!link.IsValid)
        {
            return new ConfirmResult(ConfirmStatus.Failed, link.Problem);
        }

        var now = time.GetUtcNow();
        DateTimeOffset? linksValidSince = null;
        var outcome = await readers.UpdateAsync(link.Key, reader =>
        {
            linksValidSince = reader?.LinksValidSince;
            return reader?.Confirm(link.IssuedAt, now) switch
            {
                ConfirmOutcome.Confirmed => (reader, ConfirmOutcome.Confirmed),
                ConfirmOutcome.AlreadyConfirmed => (null, ConfirmOutcome.AlreadyConfirmed),
                _ => (null, ConfirmOutcome.Refused),
            };
        }, cancellationToken);

        if (outcome == ConfirmOutcome.Refused)
        {
            return new ConfirmResult(ConfirmStatus.Failed, LinkProblem.Superseded);
        }

        if (outcome == ConfirmOutcome.Confirmed)
        {
            await mails.EnqueueAsync(new MailJob(MailKind.Welcome, link.Key.Id, now), cancellationToken);
        }

        return new ConfirmResult(outcome == ConfirmOutcome.Confirmed ? ConfirmStatus.Confirmed : ConfirmStatus.AlreadyConfirmed, LinkProblem.None,
            links.Preferences(link.Key.Id, linksValidSince), links.Unsubscribe(link.Key.Id));
    }
}
