using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Editorial;

/// <summary>One stored edition with where it stands and its dispatch so far.</summary>
public sealed record EditionRow(Edition Edition, EditionState State, DispatchStatus Status);

/// <summary>What the console's editions page shows: the next edition of each frequency, and the editions so far.</summary>
public sealed record EditionsOverview(IReadOnlyList<NextEdition> Next, IReadOnlyList<EditionRow> Editions);

/// <summary>Reads the editions for the console: the next ones as they stand now, previews, and the stored ones with their state.</summary>
public sealed class EditionDesk(EditionComposer composer, IEditionStore editions, DispatchStatusReport report, EditionTestSender tests, IAuditLog audit, TimeProvider time)
{
    public const int ListSize = 30;

    public async Task<EditionsOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var next = new List<NextEdition>();
        foreach (var frequency in Enum.GetValues<Frequency>())
        {
            next.Add(await composer.PlanAsync(frequency, cancellationToken));
        }

        var rows = new List<EditionRow>();
        foreach (var edition in await editions.ListAsync(ListSize, cancellationToken))
        {
            var status = await report.StatusAsync(edition.Id, cancellationToken);
            rows.Add(new EditionRow(edition, EditionStates.Of(edition, status), status));
        }

        return new EditionsOverview(next, rows);
    }

    /// <summary>The next edition of the frequency rendered for one topic set, as its readers would get it now.</summary>
    public Task<EditionPreview> PreviewAsync(Frequency frequency, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        composer.PreviewAsync(frequency, topics, cancellationToken);

    /// <summary>Sends that preview to at most <see cref="EditionTestSender.MaxAddresses"/> addresses; no edition is created. Recorded in the audit log.</summary>
    public async Task<TestSendResult> TestSendAsync(Frequency frequency, IReadOnlyList<string> topics, IReadOnlyList<string> addresses, string actor, CancellationToken cancellationToken)
    {
        var result = await tests.SendPreviewAsync(frequency, topics, addresses, cancellationToken);
        if (result.Outcome == TestSendOutcome.Sent)
        {
            var now = time.GetUtcNow();
            var subject = $"{Edition.FrequencyName(frequency)}-next";
            await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(subject, actor, now.ToString("O")), now, actor, AuditActions.EditionTestSent, subject,
                $"Test-sent the next {Edition.FrequencyName(frequency)} edition ({(topics.Count == 0 ? "all topics" : string.Join(", ", topics))}) to {string.Join(", ", addresses.Select(a => a.Trim()))}", []),
                cancellationToken);
        }

        return result;
    }
}
