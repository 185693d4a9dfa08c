using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

/// <summary>
/// The outcome of a preview or submission: the draft to show, the form's problems, or the pipeline's
/// rejection (with the API's code and message) together with the values to show again.
/// </summary>
public sealed record SubmissionStep(PortalDraft? Draft, IReadOnlyList<FieldProblem> Problems, Rejection? Rejection, ReleaseForm? Form, string? ReleaseId = null)
{
    /// <summary>Another request (a double click, a second tab) is submitting this draft right now: this one did nothing.</summary>
    public bool AlreadySubmitting { get; init; }

    public bool Succeeded => Rejection is null && Problems.Count == 0;
}

/// <summary>
/// A draft as it will look: its public page, its digest entry and every warning; or why it cannot be published.
/// <see cref="Image"/>: the lead image chosen in the form, whose preview sizes are served under the draft's address.
/// </summary>
public sealed record DraftPreview(PortalDraft Draft, Update? Update, Rejection? Rejection, IReadOnlyList<string> Warnings, DraftImage? Image = null);

/// <summary>The release text rendered as its page will show it, or why it cannot be (too long, or what the parser refuses).</summary>
public sealed record RenderedBody(string Html, string? Problem);

/// <summary>
/// Submitting in the portal: a dropped file or a form becomes a draft (parsed exactly as ingestion will
/// parse it, so the preview shows the truth), which the contact submits, edits again or saves. A submitted
/// draft enters the same pipeline as an API upload, and is ingested at once so the page can tell the outcome.
/// </summary>
public sealed class PortalSubmissions(
    IPortalStore store,
    ReleaseSubmission submission,
    ReleaseIngestion ingestion,
    ReviewService review,
    ReleaseNotices notices,
    DraftImages images,
    IOptions<PortalOptions> portalOptions,
    IOptions<IngestionOptions> ingestionOptions,
    IOptions<SubscriptionOptions> subscriptionOptions,
    IOptions<AppOptions> app,
    TimeProvider time)
{
    public long MaxUploadBytes => submission.MaxUploadBytes;

    public IReadOnlyList<string> TopicsFor(Member member) => ReleaseFormWriter.TopicsFor(member, subscriptionOptions.Value.TopicList);

    /// <summary>A dropped file: the API's own answer when it is too large or of no known format; else parsed into a draft.</summary>
    public async Task<SubmissionStep> PreviewFileAsync(Person contact, Member member, string? fileName, string? contentType, Stream content, long? length,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(member);
        if (length > MaxUploadBytes || ReleaseFormats.Detect(fileName, contentType) is null)
        {
            // What the HTTP door answers for these, storing nothing.
            var refused = await submission.SubmitAsync(member, content, length, fileName, contentType, cancellationToken);
            return Refused(refused.Error!, refused.Message!, null);
        }

        var bytes = await LimitedReader.ReadAsync(content, MaxUploadBytes, cancellationToken);
        if (bytes is null)
        {
            var refused = await submission.SubmitAsync(member, Stream.Null, long.MaxValue, fileName, contentType, cancellationToken);
            return Refused(refused.Error!, refused.Message!, null);
        }

        var name = Path.GetFileName(fileName ?? "release");
        return await PrepareAsync(contact, member, null, name, contentType, bytes, null, cancellationToken);
    }

    /// <summary>
    /// The release text as HTML exactly as its page will show it: written into a form release and parsed by the pipeline's own
    /// parser and sanitizer (nothing stored), for the form's live preview. At most <see cref="ReleaseFormWriter.MaxBody"/> characters.
    /// </summary>
    public RenderedBody RenderBody(Member member, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > ReleaseFormWriter.MaxBody)
        {
            return new RenderedBody(string.Empty, $"The text has at most {ReleaseFormWriter.MaxBody:N0} characters.");
        }

        if (body.Trim().Length == 0)
        {
            return new RenderedBody(string.Empty, null);
        }

        var release = ReleaseFormWriter.Write(new ReleaseForm { Title = "Live preview", Body = body });
        var parsed = Parse(member, ReleaseFormWriter.FileName, "application/json", release, cancellationToken);
        return parsed.Accepted ? new RenderedBody(parsed.Release!.BodyHtml, null) : new RenderedBody(string.Empty, parsed.Rejection!.Message);
    }

    /// <summary>The form: its problems, or a draft (a new one, or <paramref name="draftId"/> rewritten).</summary>
    public Task<SubmissionStep> PreviewFormAsync(Person contact, Member member, ReleaseForm form, string? draftId, CancellationToken cancellationToken) =>
        PreviewFormAsync(contact, member, form, draftId, null, 0, cancellationToken);

    /// <summary>
    /// As above, with the lead image chosen in the form (<paramref name="image"/>, <paramref name="imageLength"/> bytes, or
    /// null to keep the one chosen before): an image that cannot be used becomes a warning on the preview, never a problem
    /// of the form, so the release goes on without it.
    /// </summary>
    public async Task<SubmissionStep> PreviewFormAsync(Person contact, Member member, ReleaseForm form, string? draftId, Stream? image, long imageLength,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(form);
        var problems = ReleaseFormWriter.Check(form, TopicsFor(member));
        var (embargo, embargoProblem) = EmbargoFields.Read(form, app.Value.Zone, time.GetUtcNow());
        if (embargoProblem is not null)
        {
            problems = [.. problems, embargoProblem];
        }

        if (problems.Count > 0)
        {
            return new SubmissionStep(null, problems, null, form);
        }

        var earlier = draftId is null ? null : await store.GetLiveDraftAsync(member.Id, draftId, time.GetUtcNow(), cancellationToken);
        var step = await PrepareAsync(contact, member, earlier, ReleaseFormWriter.FileName, "application/json", ReleaseFormWriter.Write(form, embargo), form, cancellationToken);
        if (step.Draft is { } draft)
        {
            await images.SetAsync(member.Id, draft.Id, form, image, imageLength, cancellationToken);
        }

        return step;
    }

    public async Task<DraftPreview?> PreviewAsync(Member member, string draftId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var draft = await store.GetLiveDraftAsync(member.Id, draftId, time.GetUtcNow(), cancellationToken);
        if (draft is null)
        {
            return null;
        }

        var parsed = Parse(member, draft.FileName, draft.ContentType, draft.Content, cancellationToken);
        var image = draft.Form is null ? null : await images.GetAsync(member.Id, draft.Id, cancellationToken);
        return parsed.Accepted ? Preview(member, draft, parsed.Release!, image) : new DraftPreview(draft, null, parsed.Rejection, [], image);
    }

    /// <summary>The form to edit a draft again: its own fields, or what its file became (as plain paragraphs).</summary>
    public async Task<ReleaseForm?> FormOfAsync(Member member, string draftId, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(member, draftId, cancellationToken);
        return preview?.Draft.Form ?? (preview?.Update is { } update ? ReleaseFormWriter.From(update) : null);
    }

    /// <summary>True when the member has a draft of that id.</summary>
    public async Task<bool> ExistsAsync(Member member, string draftId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return await store.GetLiveDraftAsync(member.Id, draftId, time.GetUtcNow(), cancellationToken) is not null;
    }

    public async Task<bool> SaveAsync(Member member, string draftId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var draft = await store.GetLiveDraftAsync(member.Id, draftId, time.GetUtcNow(), cancellationToken);
        if (draft is null)
        {
            return false;
        }

        await store.SaveDraftAsync(draft with { Saved = true, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(Member member, string draftId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (await store.GetLiveDraftAsync(member.Id, draftId, time.GetUtcNow(), cancellationToken) is null)
        {
            return false;
        }

        await store.DeleteDraftAsync(member.Id, draftId, cancellationToken);
        await images.RemoveAsync(member.Id, draftId, cancellationToken);
        return true;
    }

    /// <summary>How long a submission in progress holds its draft against a second one; after that (its request died) the draft may be submitted again.</summary>
    public static readonly TimeSpan SubmitHold = TimeSpan.FromMinutes(2);

    /// <summary>Submits the draft through the HTTP door's pipeline and ingests it at once; null when there is no such draft.</summary>
    public async Task<SubmissionStep?> SubmitAsync(Person contact, Member member, string draftId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(member);
        var draft = await store.GetLiveDraftAsync(member.Id, draftId, time.GetUtcNow(), cancellationToken);
        if (draft is null)
        {
            return null;
        }

        // One draft becomes one release however often Submit is pressed: only the request that claims it submits it.
        if (!await store.TryClaimDraftAsync(member.Id, draft.Id, time.GetUtcNow(), SubmitHold, cancellationToken))
        {
            return new SubmissionStep(null, [], null, draft.Form) { AlreadySubmitting = true };
        }

        var image = await images.UploadAsync(member.Id, draft.Id, draft.Form, cancellationToken);
        var record = await SubmitBytesAsync(contact, member, draft.Title, draft.FileName, draft.ContentType, draft.Content, image, cancellationToken);
        if (record.Error is not null)
        {
            await store.SaveDraftAsync(draft, cancellationToken); // kept as it was, and free to be submitted again
            return new SubmissionStep(draft, [], new Rejection(record.Error, record.Message!), draft.Form);
        }

        if (draft.ReplacesReleaseId is { } replaced && record.Record is { State: not ReleaseState.Rejected })
        {
            var old = await submission.StatusAsync(member, replaced, cancellationToken);
            // Sent back unchanged, the text is the same update: withdrawing the old release would withdraw it too.
            if (old.Record is { State: ReleaseState.PendingReview, UpdateId: { } oldUpdate } && oldUpdate != record.Record.UpdateId)
            {
                await review.WithdrawAsync(oldUpdate, contact.Address, $"replaced by {record.Record.ReleaseId}", cancellationToken);
            }
        }

        await store.DeleteDraftAsync(member.Id, draft.Id, cancellationToken);
        await images.RemoveAsync(member.Id, draft.Id, cancellationToken);
        return new SubmissionStep(null, [], record.Record!.Rejection, draft.Form, record.Record.ReleaseId);
    }

    private async Task<SubmissionStep> PrepareAsync(Person contact, Member member, PortalDraft? earlier, string fileName, string? contentType, byte[] bytes,
        ReleaseForm? form, CancellationToken cancellationToken)
    {
        var parsed = Parse(member, fileName, contentType, bytes, cancellationToken);
        if (!parsed.Accepted)
        {
            // Rejected as it stands: it goes through the pipeline now, so it is logged and kept in quarantine as any upload.
            var kept = await SubmitBytesAsync(contact, member, form?.Title.Trim() is { Length: > 0 } typed ? typed : fileName, fileName, contentType, bytes, null,
                cancellationToken);
            var rejection = kept.Record?.Rejection ?? (kept.Error is not null ? new Rejection(kept.Error, kept.Message!) : parsed.Rejection!);
            return new SubmissionStep(null, [], rejection, form, kept.Record?.ReleaseId);
        }

        var now = time.GetUtcNow();
        if (earlier is null && await store.RoomForAnotherAsync(member.Id, contact.Id, portalOptions.Value, now, cancellationToken) is { } full)
        {
            // Refused before anything is stored; the form comes back with what was typed.
            return new SubmissionStep(null, [], full, form);
        }

        var draft = new PortalDraft
        {
            Id = earlier?.Id ?? "d" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
            MemberId = member.Id,
            PersonId = contact.Id,
            FileName = fileName,
            ContentType = contentType,
            Content = bytes,
            Form = form,
            ReplacesReleaseId = earlier?.ReplacesReleaseId,
            Saved = earlier?.Saved ?? false,
            CreatedAt = earlier?.CreatedAt ?? now,
            UpdatedAt = now,
            Title = parsed.Release!.Title,
        };
        foreach (var expired in await store.SaveDraftAndExpireAsync(draft, now, cancellationToken))
        {
            await images.RemoveAsync(member.Id, expired, cancellationToken);
        }

        return new SubmissionStep(draft, [], null, form);
    }

    /// <summary>Stores and ingests bytes as the HTTP door would; the record as it ended, or the door's refusal.</summary>
    private async Task<(ReleaseRecord? Record, string? Error, string? Message)> SubmitBytesAsync(Person contact, Member member, string title, string fileName, string? contentType,
        byte[] bytes, ImageUpload? image, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var accepted = await submission.SubmitAsync(member, stream, bytes.Length, fileName, contentType, null, image, cancellationToken);
        if (accepted.Record is not { } record)
        {
            return (null, accepted.Error, accepted.Message);
        }

        await store.SaveSubmitterAsync(member.Id, record.ReleaseId, contact.Id, contact.Address, cancellationToken);
        await notices.ReceivedAsync(member, record, title, cancellationToken);

        // The blob trigger would do the same in a second or two; whichever runs second finds the work done.
        var outcome = await ingestion.IngestAsync(member.Id, record.FileName, cancellationToken);
        if (outcome is not null)
        {
            await notices.IngestedAsync(outcome, cancellationToken);
        }

        var status = await submission.StatusAsync(member, record.ReleaseId, cancellationToken);
        return (status.Record ?? record, null, null);
    }

    private ParseResult Parse(Member member, string fileName, string? contentType, byte[] content, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(ingestionOptions.Value.ParseBudget, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        return ReleaseParser.Parse(content, fileName, contentType, UploadContext.For(member), both.Token);
    }

    /// <summary>
    /// What the draft would become, as ingestion decides it (never stored): the update with its status and embargo and
    /// every warning, or the embargo's rejection.
    /// </summary>
    private DraftPreview Preview(Member member, PortalDraft draft, ParsedRelease parsed, DraftImage? image)
    {
        var now = time.GetUtcNow();
        var embargo = EmbargoRules.Decide(parsed.EmbargoField, null, parsed.EmbargoLines, app.Value.Zone, now);
        if (embargo.Rejection is { } refused)
        {
            return new DraftPreview(draft, null, refused, []);
        }

        var status = !member.AutoPublish || embargo.HoldReason is not null ? UpdateStatus.PendingReview
            : embargo.Embargo is not null ? UpdateStatus.Scheduled
            : UpdateStatus.Published;
        IReadOnlyList<string> warnings = embargo.HoldReason is { } hold ? [.. parsed.Warnings, .. embargo.Warnings, hold] : parsed.Warnings.Concat(embargo.Warnings).ToArray();
        if (image?.Warning is { } imageWarning)
        {
            warnings = [.. warnings, imageWarning];
        }

        var update = Update.FromRelease(parsed, member, draft.Id, parsed.Date ?? DateOnly.FromDateTime(now.UtcDateTime), status, "preview", "preview", now)
            with { Warnings = warnings, Embargo = embargo.Embargo, Image = image?.Shown };
        return new DraftPreview(draft, update, null, warnings, image);
    }

    private static SubmissionStep Refused(string code, string message, ReleaseForm? form) => new(null, [], new Rejection(code, message), form);
}
