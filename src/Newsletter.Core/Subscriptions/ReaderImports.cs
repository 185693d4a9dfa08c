namespace Newsletter.Core.Subscriptions;

/// <summary>The consent a CSV row brings: when it was given and where that is recorded.</summary>
public sealed record ImportedConsent(DateTimeOffset GivenAt, string Source, string? PrivacyNoticeVersion);

public sealed partial class Reader
{
    /// <summary>The form version of the consent record of every imported reader.</summary>
    public const string ImportFormVersion = "csv-import";

    /// <summary>
    /// A reader brought in by an administrator's import. With consent evidence (when and where it was given) the reader
    /// is active and the evidence is kept as their consent record; without it the reader is pending, and a confirmation
    /// mail is due (see <see cref="AwaitsImportConfirmationMail"/>) before anything else is ever sent.
    /// </summary>
    public static Reader Imported(ReaderKey key, string address, ReaderChoices choices, ImportedConsent? evidence, string privacyNoticeVersion, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(choices);
        if (evidence is null)
        {
            var pending = new Reader(key.Id, key.Bucket, ReaderState.Pending, at)
            {
                PendingSince = at,
                Address = address,
                Choices = choices with { Paused = false },
                Consent = new ConsentRecord(at, ImportFormVersion, privacyNoticeVersion, null, null, null, "CSV import without consent evidence; confirmation by mail"),
            };
            pending._history.Add(new StateChange(ReaderState.Pending, ReaderState.Pending, at, "imported without consent evidence: confirmation mailed"));
            return pending;
        }

        var active = new Reader(key.Id, key.Bucket, ReaderState.Active, at)
        {
            Address = address,
            Choices = choices,
            Consent = new ConsentRecord(evidence.GivenAt, ImportFormVersion, evidence.PrivacyNoticeVersion ?? privacyNoticeVersion, null, null, null, evidence.Source),
        };
        active._history.Add(new StateChange(ReaderState.Active, ReaderState.Active, at, "imported with consent evidence"));
        return active;
    }

    /// <summary>
    /// An imported pending reader whose confirmation mail has not been queued yet: an import interrupted between
    /// writing the reader and queuing the mail. Nobody else leaves a pending reader with no confirmation counted.
    /// </summary>
    public bool AwaitsImportConfirmationMail =>
        State == ReaderState.Pending && ConfirmationMails == 0 && Consent?.FormVersion == ImportFormVersion && Address is not null;

    /// <summary>Counts the import's confirmation mail as queued, so no rerun queues it again.</summary>
    public bool CountImportConfirmationMail(DateTimeOffset at)
    {
        if (!AwaitsImportConfirmationMail)
        {
            return false;
        }

        ConfirmationWindowStart = at;
        ConfirmationMails = 1;
        return true;
    }
}
