using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>The preferences page: see and change choices, and invalidate old links. Needs a preferences link of the current generation.</summary>
public sealed class PreferencesService(ReaderUpdates readers, ReaderLinks links, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<PreferencesResult> GetPreferencesAsync(string? token, CancellationToken cancellationToken)
    {
        var link = readers.Check(token, TokenPurpose.Preferences);
        if (!link.IsValid)
        {
            return PreferencesResult.Fail(link.Problem);
        }

        var reader = await readers.GetAsync(link.Key, cancellationToken);
        return !Current(reader, link)
            ? PreferencesResult.Fail(LinkProblem.Superseded)
            : new PreferencesResult(PreferencesStatus.Shown, LinkProblem.None, View(reader!, token!), NoErrors);
    }

    /// <summary>Saves new choices (name, topics, frequency, pause) for an active reader.</summary>
    public async Task<PreferencesResult> UpdatePreferencesAsync(string? token, PreferencesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var link = readers.Check(token, TokenPurpose.Preferences);
        if (!link.IsValid)
        {
            return PreferencesResult.Fail(link.Problem);
        }

        var valid = FormRules.TryChoices(input.Name, input.Topics, input.Frequency, options.Value.TopicList, out var choices, out var errors);
        choices = choices with { Paused = input.Paused };
        PreferencesView? view = null;
        var status = await readers.UpdateAsync(link.Key, reader =>
        {
            if (!Current(reader, link))
            {
                return (null, PreferencesStatus.Failed);
            }

            if (!valid)
            {
                // Show what they typed, so they only fix the field in error.
                view = View(reader!, token!) with { Name = input.Name, Topics = choices.Topics, Frequency = choices.Frequency, Paused = input.Paused };
                return (null, PreferencesStatus.Invalid);
            }

            var changed = reader!.ChangeChoices(choices);
            view = View(reader, token!);
            return changed ? (reader, PreferencesStatus.Saved) : (null, PreferencesStatus.Unsubscribed);
        }, cancellationToken);

        return status == PreferencesStatus.Failed
            ? PreferencesResult.Fail(LinkProblem.Superseded)
            : new PreferencesResult(status, LinkProblem.None, view, errors);
    }

    /// <summary>
    /// The reader's "invalidate my old links": every preferences link issued so far stops working, and the
    /// new preferences address is given back.
    /// </summary>
    public async Task<LinksResult> InvalidateLinksAsync(string? token, CancellationToken cancellationToken)
    {
        var link = readers.Check(token, TokenPurpose.Preferences);
        if (!link.IsValid)
        {
            return new LinksResult(null, link.Problem);
        }

        var now = time.GetUtcNow();
        var since = await readers.UpdateAsync(link.Key, reader =>
            Current(reader, link) ? (reader, (DateTimeOffset?)reader!.InvalidateLinks(now)) : (null, null), cancellationToken);
        return since is { } start ? new LinksResult(links.Preferences(link.Key.Id, start), LinkProblem.None) : new LinksResult(null, LinkProblem.Superseded);
    }

    private static bool Current(Reader? reader, ReaderLink link) =>
        reader is not null && reader.State != ReaderState.Erased && reader.AcceptsLinkIssuedAt(link.IssuedAt);

    private PreferencesView View(Reader reader, string token) =>
        new(reader.State, reader.Address, reader.Name, reader.Topics, reader.Frequency, reader.Paused, options.Value.TopicList, token);
}
