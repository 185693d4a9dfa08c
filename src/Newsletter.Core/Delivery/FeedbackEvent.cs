using System.Text.RegularExpressions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// A provider event applied to a reader: a bounce, a spam report or an unsubscribe, with the edition it
/// came from (our custom argument) and the provider's reason, addresses taken out.
/// </summary>
public sealed partial record FeedbackEvent(string EventId, string Kind, Subscriptions.ReaderState To, DateTimeOffset At, string? EditionId, string? ReaderId, string? Reason)
{
    public const int ReasonLength = 300;

    /// <summary>
    /// The reason as it may be kept and shown: one line, bounded, and with every address in it replaced, so an
    /// erased reader's address does not live on in a bounce message ("550 5.1.1 &lt;ada@example.org&gt;: no such user").
    /// </summary>
    public static string? CleanReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var text = Address().Replace(reason, "[address]");
        return Releases.Parsing.TextCleaner.SingleLine(text, ReasonLength);
    }

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+")]
    private static partial Regex Address();
}
