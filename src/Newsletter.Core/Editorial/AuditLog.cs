using System.Security.Cryptography;
using System.Text;

namespace Newsletter.Core.Editorial;

/// <summary>One field an action changed, with its text before and after.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>
/// One editorial or administrative action: who did what to which thing, when, and what changed.
/// <see cref="Id"/> is derived from what the action is, so recording it again after a failure replaces the
/// first record instead of adding a second.
/// </summary>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Subject,
    string Summary,
    IReadOnlyList<FieldChange> Changes)
{
    /// <summary>An id for an action that is the same every time the same action is recorded.</summary>
    public static string IdFor(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..20];
}

/// <summary>The actions the console records, in the words the audit page filters by.</summary>
public static class AuditActions
{
    public const string UpdateEdited = "update.edited";
    public const string UpdateApproved = "update.approved";
    public const string UpdateRejected = "update.rejected";
    public const string UpdateWithdrawn = "update.withdrawn";
    public const string UpdateCorrected = "update.corrected";
    public const string UpdateChangeRequested = "update.change-requested";
    public const string UpdateImageChanged = "update.image-changed";
    public const string EditionTestSent = "edition.test-sent";
    public const string EditionSent = "edition.sent";
    public const string EditionSkipped = "edition.skipped";
    public const string EditionResumed = "edition.resumed";
    public const string ReaderResent = "reader.confirmation-resent";
    public const string ReaderUnsubscribed = "reader.unsubscribed";
    public const string ReaderErased = "reader.erased";
    public const string ReadersExported = "readers.exported";
    public const string ReadersImported = "readers.imported";
    public const string MemberAdded = "member.added";
    public const string MemberEdited = "member.edited";

    public static IReadOnlyList<string> All { get; } =
    [
        UpdateEdited, UpdateApproved, UpdateRejected, UpdateWithdrawn, UpdateCorrected, UpdateChangeRequested, UpdateImageChanged,
        EditionTestSent, EditionSent, EditionSkipped, EditionResumed,
        ReaderResent, ReaderUnsubscribed, ReaderErased, ReadersExported, ReadersImported, MemberAdded, MemberEdited,
    ];
}

/// <summary>What the audit page asks for; every part is optional and they combine.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null)
{
    public static AuditFilter Everything { get; } = new();
}

/// <summary>Port: where audit entries are kept, newest first.</summary>
public interface IAuditLog
{
    /// <summary>Records the entry; an entry with the same id replaces the earlier one.</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The newest entries matching the filter, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, int max, CancellationToken cancellationToken);
}
