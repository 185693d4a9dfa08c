using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>
/// The one place that issues a reader's link tokens: confirmation (expiring), unsubscribe (never revoked)
/// and preferences (of the reader's current link generation, see <see cref="Reader.LinksValidSince"/>).
/// </summary>
public sealed class ReaderLinks(TokenService tokens, Links links, IOptions<SubscriptionOptions> options)
{
    public string Confirm(string readerId) =>
        links.Confirm(tokens.Issue(TokenPurpose.Confirm, readerId, TimeSpan.FromDays(options.Value.ConfirmTokenDays)));

    public string Unsubscribe(string readerId) => links.Unsubscribe(tokens.Issue(TokenPurpose.Unsubscribe, readerId));

    /// <summary>
    /// A preferences link. Given when the reader's current generation began, the token is dated no earlier,
    /// so a link handed out in the very second the generation began still belongs to it.
    /// </summary>
    public string Preferences(string readerId, DateTimeOffset? linksValidSince = null) =>
        links.Preferences(tokens.Issue(TokenPurpose.Preferences, readerId, issuedAt: linksValidSince));

    public string Preferences(Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Preferences(reader.Id, reader.LinksValidSince);
    }
}
