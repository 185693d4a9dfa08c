namespace Newsletter.Core.Subscriptions;

/// <summary>
/// Leaving: by an unsubscribe link (never revoked), from the preferences page (a link of the current
/// generation), or by the mail provider's report. The <see cref="Reader"/> applies one rule to all three.
/// </summary>
public sealed class UnsubscribeService(ReaderUpdates readers, TimeProvider time)
{
    /// <summary>
    /// Unsubscribes at once (the next send skips the reader). Takes an unsubscribe token, or a
    /// preferences token when <paramref name="purpose"/> says the request came from the preferences page.
    /// </summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken, TokenPurpose purpose = TokenPurpose.Unsubscribe)
    {
        if (purpose is not (TokenPurpose.Unsubscribe or TokenPurpose.Preferences))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }

        var link = readers.Check(token, purpose);
        if (!link.IsValid)
        {
            return new UnsubscribeResult(UnsubscribeStatus.Failed, link.Problem);
        }

        var now = time.GetUtcNow();
        var status = await readers.UpdateAsync(link.Key, reader =>
        {
            if (purpose == TokenPurpose.Preferences && reader is not null && !reader.AcceptsLinkIssuedAt(link.IssuedAt))
            {
                return (null, UnsubscribeStatus.Failed);
            }

            return reader is not null && reader.Unsubscribe(now, purpose == TokenPurpose.Unsubscribe ? "unsubscribe link" : "preferences page")
                ? (reader, UnsubscribeStatus.Unsubscribed)
                : (null, UnsubscribeStatus.AlreadyOff);
        }, cancellationToken);
        return new UnsubscribeResult(status, status == UnsubscribeStatus.Failed ? LinkProblem.Superseded : LinkProblem.None);
    }

    /// <summary>
    /// Applies what the mail provider reported (a hard bounce, a spam report, an unsubscribe) if the state
    /// machine allows it; a reader already suppressed or gone stays as it is. True when the reader changed.
    /// </summary>
    public Task<bool> ApplyFeedbackAsync(ReaderKey key, ReaderState to, string reason, CancellationToken cancellationToken)
    {
        if (to is not (ReaderState.Bounced or ReaderState.Complained or ReaderState.Unsubscribed))
        {
            throw new ArgumentOutOfRangeException(nameof(to));
        }

        var now = time.GetUtcNow();
        return readers.UpdateAsync(key, reader => reader is not null && reader.ApplyFeedback(to, now, reason) ? (reader, true) : (null, false), cancellationToken);
    }
}
