using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editorial;

/// <summary>An edit checked: the cleaned values, or the problems by field name.</summary>
public sealed record UpdateEditCheck(UpdateEdit? Clean, IReadOnlyDictionary<string, string> Errors);

/// <summary>What an editor may change in an update: before approving it (an edit) or once published (a correction).</summary>
public sealed record UpdateEdit(string? Title, string? Summary, string? Organisation, IReadOnlyList<string> Topics)
{
    public const int MaxTitle = 300;
    public const int MaxSummary = 1000;
    public const int MaxOrganisation = 200;

    /// <summary>The form as it stands for an update: what the editor starts from.</summary>
    public static UpdateEdit Of(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new UpdateEdit(update.Title, update.Summary, update.Organisation, update.Topics);
    }

    /// <summary>
    /// The cleaned values, or the problems by field name. Topics must be ones readers can choose
    /// (<paramref name="allowedTopics"/>), kept by their key (<see cref="SubscriptionOptions.TopicKey"/>), as an upload's are.
    /// </summary>
    public UpdateEditCheck Check(IReadOnlyList<string> allowedTopics)
    {
        ArgumentNullException.ThrowIfNull(allowedTopics);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = Clean(Title, MaxTitle, "title", "a title", errors);
        var summary = Clean(Summary, MaxSummary, "summary", "a summary", errors);
        var organisation = Clean(Organisation, MaxOrganisation, "organisation", "the organisation's name", errors);
        var topics = new List<string>();
        foreach (var topic in Topics.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            var known = allowedTopics.FirstOrDefault(a => string.Equals(a, topic, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors["topics"] = $"'{TextCleaner.SingleLine(topic, 40)}' is not a topic readers can choose: use {string.Join(", ", allowedTopics)}.";
            }
            else if (!topics.Contains(SubscriptionOptions.TopicKey(known), StringComparer.Ordinal))
            {
                topics.Add(SubscriptionOptions.TopicKey(known));
            }
        }

        return new UpdateEditCheck(errors.Count > 0 ? null : new UpdateEdit(title, summary, organisation, topics), errors);
    }

    /// <summary>What the edit would change in the update, field by field; empty when it changes nothing.</summary>
    public IReadOnlyList<FieldChange> ChangesTo(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var changes = new List<FieldChange>();
        Compare("title", update.Title, Title, changes);
        Compare("summary", update.Summary, Summary, changes);
        Compare("organisation", update.Organisation, Organisation, changes);
        var topicsBefore = TopicsText(update.Topics);
        var topicsAfter = TopicsText(Topics);
        if (!update.Topics.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(Topics.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            changes.Add(new FieldChange("topics", topicsBefore, topicsAfter));
        }

        return changes;
    }

    /// <summary>The update with this edit applied.</summary>
    public Update ApplyTo(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update with { Title = Title!, Summary = Summary!, Organisation = Organisation!, Topics = Topics };
    }

    /// <summary>Topics as a change record holds them: their keys, so a change of case alone is none.</summary>
    public static string TopicsText(IEnumerable<string> topics) => string.Join(", ", topics.Select(SubscriptionOptions.TopicKey));

    private static string Clean(string? value, int max, string field, string what, Dictionary<string, string> errors)
    {
        if (TypedText.TooLong(value, max) is { } tooLong)
        {
            errors[field] = tooLong;
            return string.Empty;
        }

        var clean = TextCleaner.SingleLine(value, max);
        if (clean.Length == 0)
        {
            errors[field] = $"Give {what}.";
        }

        return clean;
    }

    private static void Compare(string field, string before, string? after, List<FieldChange> changes)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after ?? string.Empty));
        }
    }
}
