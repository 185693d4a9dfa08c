using Newsletter.Core.Editorial;
using Newsletter.Core.Portal;
using Newsletter.Core.Updates;
using Newsletter.Web.Shared;

namespace Newsletter.Web.Pages.Console;

/// <summary>Who is at the console: shown in its navigation; the token goes into every form.</summary>
public sealed record ConsoleContext(string Address, bool IsAdmin, string AntiForgeryToken);

/// <summary>The parts of the console, as its navigation names them.</summary>
public enum ConsoleSection
{
    Queue,
    Updates,
    Editions,
    Readers,
    Members,
    Audit,
    Settings,
}

/// <summary>The review queue: what waits for an editor, oldest first.</summary>
public sealed record QueuePageModel(
    ConsoleContext Console,
    IReadOnlyList<Update> Pending,
    string? Notice = null,
    IReadOnlyList<RequestedUpdate>? Requested = null,
    IReadOnlyList<Update>? Lifting = null)
{
    /// <summary>Updates still waiting for review whose embargo lifts soon (or has lifted), soonest first.</summary>
    public IReadOnlyList<Update> LiftingSoon => Lifting ?? [];

    /// <summary>Published updates with open correction or withdrawal requests from their members.</summary>
    public IReadOnlyList<RequestedUpdate> WithRequests => Requested ?? [];
}

/// <summary>Updates of one status (published ones to withdraw or correct).</summary>
public sealed record UpdatesPageModel(ConsoleContext Console, UpdateStatus? Status, IReadOnlyList<Update> Updates);

/// <summary>
/// One update under review: its public page as it will look, where it came from, the edit form (with what
/// the editor typed and its problems when a post came back), and the forms for the next actions.
/// </summary>
public sealed record UpdatePageModel(
    ConsoleContext Console,
    UpdateReview Review,
    UpdateEdit Form,
    IReadOnlyDictionary<string, string> Errors,
    string? Notice = null,
    string? Warning = null,
    string? Reason = null,
    CandidateImageForm? Image = null);

/// <summary>The audit log, filtered as the form asks.</summary>
public sealed record AuditPageModel(ConsoleContext Console, AuditFilter Filter, IReadOnlyList<AuditEntry> Entries, string? FilterError = null);

/// <summary>The editions page: the next edition of each frequency as it stands, the editions so far, and the outcome of a test send.</summary>
public sealed record EditionsPageModel(ConsoleContext Console, EditionsOverview Overview, string? Notice = null, string? Warning = null, string? Addresses = null);

/// <summary>One edition's delivery: its counts and chunks, the provider's bounces and complaints, and the outcome of a "send what is pending".</summary>
public sealed record DeliveryPageModel(ConsoleContext Console, EditionDeliveryReport Report, string? Notice = null, string? Warning = null);

/// <summary>The readers page: counts and the last 90 days, the lookup form, and one page of the list (masked addresses).</summary>
public sealed record ReadersPageModel(
    ConsoleContext Console,
    Newsletter.Core.Editorial.ReadersOverview Overview,
    Newsletter.Core.Editorial.ReaderList List,
    Newsletter.Core.Subscriptions.ReaderState? State,
    string? Lookup = null,
    string? Warning = null,
    string? Notice = null)
{
    /// <summary>Why an upload was imported not at all, with its problems by line.</summary>
    public ImportProblems? Import { get; init; }
}

/// <summary>An upload refused whole: what to say, and the file's problems (line 0: the file itself).</summary>
public sealed record ImportProblems(string Message, IReadOnlyList<Newsletter.Core.Subscriptions.Transfer.ReaderCsvProblem> Problems);

/// <summary>A queued readers import as its status page shows it.</summary>
public sealed record ImportRunPageModel(ConsoleContext Console, Newsletter.Core.Subscriptions.Transfer.ReaderImportRun Run);

/// <summary>One reader, as an editor may see them: the address, choices, consent, history, and the actions their state allows.</summary>
public sealed record ReaderPageModel(ConsoleContext Console, Newsletter.Core.Subscriptions.Reader Reader, IReadOnlyList<AuditEntry> Actions, string? Notice = null, string? Warning = null);

/// <summary>How lists show a reader's address: its first character and its domain, so a page of them is no mailing list; the reader's own page shows it whole.</summary>
public static class MaskedAddress
{
    public static string Of(string? address)
    {
        if (address is null)
        {
            return "(erased)";
        }

        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }
}

/// <summary>The members list, and the add form for admins (with what was typed and its problems when a post came back).</summary>
public sealed record MembersPageModel(
    ConsoleContext Console,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<string> Topics,
    MemberForm? Form = null,
    IReadOnlyDictionary<string, string>? Errors = null);

/// <summary>One member: the edit form, contacts and API keys; a key just issued is shown once.</summary>
public sealed record MemberPageModel(
    ConsoleContext Console,
    MemberView View,
    IReadOnlyList<string> Topics,
    IReadOnlyList<AuditEntry> Actions,
    MemberForm? Form = null,
    IReadOnlyDictionary<string, string>? Errors = null,
    string? Notice = null,
    string? NewApiKey = null)
{
    public IReadOnlyDictionary<string, string> FieldErrors => Errors ?? new Dictionary<string, string>();
}

/// <summary>The signed-in editor's own mail choices.</summary>
public sealed record SettingsPageModel(ConsoleContext Console, bool ReviewMail, bool Saved = false);
