using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Editorial;

/// <summary>A member with the people who sign in for it.</summary>
public sealed record MemberView(Member Member, IReadOnlyList<MemberContact> Contacts);

/// <summary>What a member form asks for; checked by <see cref="MemberDesk"/> before anything is saved.</summary>
public sealed record MemberForm(string? Id, string? Name, IReadOnlyList<string> Topics, bool AutoPublish);

/// <summary>How a change to a member ended: done (with a new API key to show once, if one was issued), or the problems by field.</summary>
/// <remarks><see cref="Conflict"/>: the request is well formed but the member's state does not allow it (a contact no longer there).</remarks>
public sealed record MemberResult(bool Done, IReadOnlyDictionary<string, string> Errors, string? NewApiKey = null, bool Unknown = false, bool Conflict = false)
{
    public static MemberResult Ok(string? key = null) => new(true, new Dictionary<string, string>(), key);
    public static MemberResult Invalid(string field, string message) => new(false, new Dictionary<string, string> { [field] = message });
    public static MemberResult NotFound { get; } = new(false, new Dictionary<string, string>(), Unknown: true);
}

/// <summary>
/// The console's members: list, add, edit (name, allowed topics, auto-publish), contacts and API keys. Every change
/// is recorded in the audit log under the member's id; an API key is shown once and only its hash is kept.
/// </summary>
public sealed class MemberDesk(IMemberStore store, MemberService members, PeopleService people, IAuditLog audit, IOptions<SubscriptionOptions> subscriptions, TimeProvider time)
{
    /// <summary>The most characters a member's name may have; a longer one is refused, not cut.</summary>
    public const int MaxName = 200;

    /// <summary>The topics a member may be allowed, as <c>Subscriptions:Topics</c> names them.</summary>
    public IReadOnlyList<string> Topics => subscriptions.Value.TopicList;

    public async Task<IReadOnlyList<MemberView>> ListAsync(CancellationToken cancellationToken)
    {
        var views = new List<MemberView>();
        foreach (var member in (await store.ListAsync(cancellationToken)).OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            views.Add(new MemberView(member, await people.ListContactsAsync(member.Id, cancellationToken)));
        }

        return views;
    }

    public async Task<MemberView?> GetAsync(string memberId, CancellationToken cancellationToken) =>
        MemberIds.IsValid(memberId) && await store.GetAsync(memberId, cancellationToken) is { } member
            ? new MemberView(member, await people.ListContactsAsync(member.Id, cancellationToken))
            : null;

    public async Task<MemberResult> AddAsync(MemberForm form, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var id = form.Id?.Trim() ?? "";
        if (!MemberIds.IsValid(id))
        {
            return MemberResult.Invalid("id", "Use 2 to 63 lower-case letters, digits and dashes, starting with a letter or digit.");
        }

        if (Check(form) is { } problem)
        {
            return problem;
        }

        // Looked up first for the usual case; the add itself decides between two requests for the same id at once.
        var added = await store.GetAsync(id, cancellationToken) is null
            ? await members.TryAddAsync(id, form.Name!, Allowed(form.Topics), form.AutoPublish, cancellationToken)
            : null;
        if (added is null)
        {
            return MemberResult.Invalid("id", $"A member '{id}' exists already.");
        }

        var (member, key) = added;
        await RecordAsync(actor, AuditActions.MemberAdded, member.Id, $"Added the member {member.DisplayName} with its first API key ({member.Keys[0].KeyId})", [], cancellationToken);
        return MemberResult.Ok(key);
    }

    public async Task<MemberResult> EditAsync(string memberId, MemberForm form, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!MemberIds.IsValid(memberId) || await store.GetAsync(memberId, cancellationToken) is not { } member)
        {
            return MemberResult.NotFound;
        }

        if (Check(form) is { } problem)
        {
            return problem;
        }

        var edited = member with { DisplayName = Releases.Parsing.TextCleaner.SingleLine(form.Name, MaxName), AllowedTopics = Allowed(form.Topics), AutoPublish = form.AutoPublish };
        var changes = new List<FieldChange>();
        void Compare(string field, string before, string after)
        {
            if (before != after)
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        Compare("name", member.DisplayName, edited.DisplayName);
        Compare("topics", string.Join(", ", member.AllowedTopics), string.Join(", ", edited.AllowedTopics));
        Compare("auto-publish", member.AutoPublish ? "on" : "off", edited.AutoPublish ? "on" : "off");
        if (changes.Count > 0)
        {
            await store.SaveAsync(edited, cancellationToken);
            await RecordAsync(actor, AuditActions.MemberEdited, member.Id, "Edited the member", changes, cancellationToken);
        }

        return MemberResult.Ok();
    }

    public Task<MemberResult> AddContactAsync(string memberId, string? email, bool admin, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, actor, async member =>
        {
            if (!EmailAddress.TryParse(email, out var address, out _) || address is null)
            {
                return MemberResult.Invalid("email", "Enter a whole e-mail address, like press@example.org.");
            }

            try
            {
                await people.AddContactAsync(member.Id, address.Address, admin, cancellationToken);
            }
            catch (ArgumentException ex) when (ex.ParamName == "email")
            {
                // Without the " (Parameter 'email')" .NET appends: the page shows the sentence, not the argument's name.
                return MemberResult.Invalid("email", ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal));
            }

            return (MemberResult?)null;
        }, $"Added the contact {email?.Trim()}{(admin ? " (the member's administrator)" : "")}", cancellationToken);

    public Task<MemberResult> RemoveContactAsync(string memberId, string? email, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, actor, async member =>
        {
            // Under "contact", not "email": the reason belongs to the removal, not to the add-a-contact field below it.
            if (!EmailAddress.TryParse(email, out var address, out _) || address is null)
            {
                return MemberResult.Invalid("contact", "Choose the contact to remove: the request named no e-mail address.");
            }

            return await people.RemoveContactAsync(member.Id, address.Address, cancellationToken)
                ? null
                : MemberResult.Invalid("contact", $"{address.Address} is not a contact of {member.DisplayName}, or no longer is.") with { Conflict = true };
        }, $"Removed the contact {email?.Trim()}", cancellationToken);

    public async Task<MemberResult> NewKeyAsync(string memberId, string actor, CancellationToken cancellationToken)
    {
        string? key = null;
        var result = await ChangeAsync(memberId, actor, async member =>
        {
            key = await members.IssueKeyAsync(member.Id, cancellationToken);
            return null;
        }, "Issued a new API key", cancellationToken);
        return result.Done ? MemberResult.Ok(key) : result;
    }

    public Task<MemberResult> RevokeKeyAsync(string memberId, string? keyId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, actor, async member =>
        {
            if (!member.Keys.Any(k => k.KeyId == keyId && k.Active))
            {
                return MemberResult.Invalid("key", "That key is not one of the member's active keys.");
            }

            await members.RevokeKeyAsync(member.Id, keyId!, cancellationToken);
            return null;
        }, $"Revoked the API key {keyId}", cancellationToken);

    private async Task<MemberResult> ChangeAsync(string memberId, string actor, Func<Member, Task<MemberResult?>> change, string summary, CancellationToken cancellationToken)
    {
        if (!MemberIds.IsValid(memberId) || await store.GetAsync(memberId, cancellationToken) is not { } member)
        {
            return MemberResult.NotFound;
        }

        if (await change(member) is { } refused)
        {
            return refused;
        }

        await RecordAsync(actor, AuditActions.MemberEdited, member.Id, Releases.Parsing.TextCleaner.SingleLine(summary, 300), [], cancellationToken);
        return MemberResult.Ok();
    }

    private MemberResult? Check(MemberForm form)
    {
        if (TypedText.TooLong(form.Name, MaxName) is { } tooLong)
        {
            return MemberResult.Invalid("name", tooLong);
        }

        if (Releases.Parsing.TextCleaner.SingleLine(form.Name, MaxName).Length == 0)
        {
            return MemberResult.Invalid("name", "A member needs a name.");
        }

        var unknown = form.Topics.Where(t => !Topics.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray();
        return unknown.Length > 0 ? MemberResult.Invalid("topics", $"Not a topic of this network: {string.Join(", ", unknown.Select(t => Releases.Parsing.TextCleaner.SingleLine(t, 40)))}.") : null;
    }

    private static string[] Allowed(IReadOnlyList<string> topics) => [.. topics.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()];

    private async Task RecordAsync(string actor, string action, string memberId, string summary, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(action, memberId, actor, now.ToString("O"), summary), now, actor, action, memberId, summary, changes), cancellationToken);
    }
}
