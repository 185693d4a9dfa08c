namespace Newsletter.Core.Subscriptions;

/// <summary>The reader's data rights: a copy of everything kept, and erasure. Both need a preferences link of the current generation.</summary>
public sealed class DataRightsService(ReaderUpdates readers, IReaderCopies copies, TimeProvider time)
{
    /// <summary>Everything kept about the reader, or why the link does not give it.</summary>
    public async Task<ExportResult> ExportAsync(string? token, CancellationToken cancellationToken)
    {
        var link = readers.Check(token, TokenPurpose.Preferences);
        if (!link.IsValid)
        {
            return new ExportResult(null, link.Problem);
        }

        var reader = await readers.GetAsync(link.Key, cancellationToken);
        if (reader is null || reader.State == ReaderState.Erased || !reader.AcceptsLinkIssuedAt(link.IssuedAt))
        {
            // An erased reader has nothing to give, whatever the link (the preferences page answers alike).
            return new ExportResult(null, LinkProblem.Superseded);
        }

        var consent = reader.Consent is { } c
            ? new ConsentExport(c.SubmittedAt, c.FormVersion, c.PrivacyNoticeVersion, c.IpHash, c.UserAgent, c.ConfirmedAt)
            : null;
        return new ExportResult(new ReaderExport(reader.Id, reader.State.ToString(), reader.Address, reader.Name, reader.Topics, reader.Frequency.ToString(),
            reader.Paused, reader.CreatedAt, reader.StateChangedAt, consent,
            reader.History.Select(h => new StateChangeExport(h.From.ToString(), h.To.ToString(), h.At, h.Reason)).ToArray(),
            time.GetUtcNow()), LinkProblem.None);
    }

    /// <summary>Erases the reader's personal data; only the salted hash of the address and the dated state changes remain.</summary>
    public async Task<EraseResult> EraseAsync(string? token, CancellationToken cancellationToken)
    {
        var link = readers.Check(token, TokenPurpose.Preferences);
        if (!link.IsValid)
        {
            return new EraseResult(EraseStatus.Failed, link.Problem);
        }

        var now = time.GetUtcNow();
        var status = await readers.UpdateAsync(link.Key, reader =>
        {
            if (reader is null || reader.State == ReaderState.Erased)
            {
                return (null, EraseStatus.AlreadyErased);
            }

            if (!reader.AcceptsLinkIssuedAt(link.IssuedAt))
            {
                return (null, EraseStatus.Failed);
            }

            reader.Erase(now, "erased on request");
            return (reader, EraseStatus.Erased);
        }, cancellationToken);
        if (status is EraseStatus.Erased or EraseStatus.AlreadyErased)
        {
            // After the row: should this fail, asking again (already erased) finishes it.
            await copies.ForgetAsync(link.Key, cancellationToken);
        }

        return new EraseResult(status, status == EraseStatus.Failed ? LinkProblem.Superseded : LinkProblem.None);
    }
}
