namespace Newsletter.Core.Subscriptions;

public enum LinkCheckStatus
{
    /// <summary>The link works and its action has not been taken: the page offers the button.</summary>
    Ready,

    /// <summary>What the link would do is already so (confirmed, or no longer mailed).</summary>
    AlreadyDone,
    Failed,
}

public sealed record LinkCheckResult(LinkCheckStatus Status, LinkProblem Problem);

/// <summary>
/// What a confirmation or unsubscribe link's page shows when it is opened (GET), before the reader
/// presses its button: reads only, changes nothing, so a mail scanner that follows links, even one
/// that runs the page's scripts, confirms and unsubscribes no one.
/// </summary>
public sealed class LinkCheck(IReaderStore store, TokenService tokens)
{
    public async Task<LinkCheckResult> ConfirmationAsync(string? token, CancellationToken cancellationToken)
    {
        var check = tokens.Verify(token, TokenPurpose.Confirm);
        if (!Verified(check, out var key, out var problem))
        {
            return new(LinkCheckStatus.Failed, problem);
        }

        var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
        // The reader decides, as it will when the button is pressed.
        return reader?.ConfirmationFor(check.Claims!.IssuedAt) switch
        {
            ConfirmOutcome.AlreadyConfirmed => new(LinkCheckStatus.AlreadyDone, LinkProblem.None),
            ConfirmOutcome.Confirmed => new(LinkCheckStatus.Ready, LinkProblem.None),
            _ => new(LinkCheckStatus.Failed, LinkProblem.Superseded),
        };
    }

    public async Task<LinkCheckResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (!Verified(tokens.Verify(token, TokenPurpose.Unsubscribe), out var key, out var problem))
        {
            return new(LinkCheckStatus.Failed, problem);
        }

        var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
        return reader is { CanUnsubscribe: true }
            ? new(LinkCheckStatus.Ready, LinkProblem.None)
            : new(LinkCheckStatus.AlreadyDone, LinkProblem.None);
    }

    internal static bool Verified(TokenCheck check, out ReaderKey key, out LinkProblem problem)
    {
        key = default;
        problem = check.Failure switch
        {
            TokenFailure.None => LinkProblem.None,
            TokenFailure.Expired => LinkProblem.Expired,
            _ => LinkProblem.Invalid,
        };
        if (problem == LinkProblem.None && !ReaderKey.TryParse(check.Claims!.Subject, out key))
        {
            problem = LinkProblem.Invalid;
        }

        return problem == LinkProblem.None;
    }
}
