using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Testing;

/// <summary>The records tests put into storage directly, built in one place.</summary>
public static class TestData
{
    /// <summary>A published update with the fields editions and dispatch read; the id also names its release and content.</summary>
    public static Update PublishedUpdate(string id, string title, DateTimeOffset publishedAt, IReadOnlyList<string>? topics = null,
        string organisation = "Example University", string? summary = null) => new()
    {
        Id = id,
        MemberId = "m",
        ReleaseId = "r" + id,
        Title = title,
        Date = DateOnly.FromDateTime(publishedAt.UtcDateTime),
        Organisation = organisation,
        Summary = summary ?? title + " summary",
        BodyHtml = "<p>x</p>",
        BodyText = "x",
        ContentHash = id,
        Status = UpdateStatus.Published,
        Topics = topics ?? [],
        CreatedAt = publishedAt,
        PublishedAt = publishedAt,
    };

    /// <summary>A reader as the signup flow leaves one: pending a day before <paramref name="confirmedAt"/>, then active.</summary>
    public static Reader ActiveReader(string id, int bucket, string address, DateTimeOffset confirmedAt,
        Frequency frequency = Frequency.Daily, IReadOnlyList<string>? topics = null, string? name = null)
    {
        var reader = Reader.NewPending(id, bucket, confirmedAt.AddDays(-1));
        reader.SignUp(address, new ReaderChoices(name, topics ?? [], frequency), confirmedAt.AddDays(-1));
        reader.Confirm(confirmedAt.AddDays(-1), confirmedAt);
        return reader;
    }

    /// <summary>A personalization as the dispatcher builds it, with links and ids made from <paramref name="token"/>.</summary>
    public static Personalization Recipient(string address, string greeting, string token) => new(
        address, null,
        new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = greeting,
            [ReaderPlaceholders.UnsubscribeUrl] = $"https://news.example.org/api/unsubscribe?token={token}",
            [ReaderPlaceholders.PreferencesUrl] = $"https://news.example.org/api/preferences?token={token}",
        },
        new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<https://news.example.org/api/unsubscribe?token={token}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
        new Dictionary<string, string> { ["edition_id"] = "daily-20261130T0700", ["reader_id"] = token });
}
