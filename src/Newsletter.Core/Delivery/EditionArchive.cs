using Newsletter.Core.Editions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// The public archive: the editions that went to someone, newest first, each once. An edition that
/// found nothing to send (no update, or no reader its updates match) has no place in it, nor one whose
/// dispatch sent nobody anything. An edition whose dispatch has not settled yet (or settled before its
/// outcome was recorded) is looked up in the ledger, and its outcome recorded once it has settled.
/// </summary>
public sealed class EditionArchive(IEditionStore editions, DispatchStatusReport report, TimeProvider time)
{
    /// <summary>Composed with something to send: it may have been mailed (its web page exists while it is sent).</summary>
    public static bool CanHaveGoneToSomeone(Edition edition) => EditionDispatcher.HasMail(edition);

    public async Task<IReadOnlyList<Edition>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var shown = new List<Edition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edition in await editions.ListAsync(max, cancellationToken))
        {
            if (!CanHaveGoneToSomeone(edition) || !seen.Add(edition.Id))
            {
                continue;
            }

            var sent = edition.Delivery?.Sent ?? await SentSoFarAsync(edition, cancellationToken);
            if (sent > 0)
            {
                shown.Add(edition);
            }
        }

        return shown;
    }

    private async Task<int> SentSoFarAsync(Edition edition, CancellationToken cancellationToken)
    {
        var status = await report.StatusAsync(edition.Id, cancellationToken);
        if (EditionStates.Of(edition, status) == EditionState.Sent)
        {
            await editions.RecordDeliveryAsync(edition.Id, new EditionDelivery(DeliveryOutcome.Sent, status.Sent, time.GetUtcNow()), cancellationToken);
        }

        return status.Sent;
    }
}
