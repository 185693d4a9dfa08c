using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Embargoes;

/// <summary>
/// What an upload's embargo means for it: a moment to wait for (<see cref="Embargo"/>), a rejection, or a hold
/// for an editor (<see cref="HoldReason"/>: the release names an embargo this system cannot read).
/// </summary>
public sealed record EmbargoDecision(DateTimeOffset? Embargo, Rejection? Rejection, string? HoldReason, IReadOnlyList<string> Warnings)
{
    public static EmbargoDecision Refuse(string code, string message) => new(null, new Rejection(code, message), null, []);
}

/// <summary>The embargo rules every door shares: at most a year ahead, a past one publishes at once, the latest of several wins.</summary>
public static class EmbargoRules
{
    /// <summary>How far ahead an embargo may lie; a later one is most likely a typing error in the year.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    /// <summary>
    /// Decides from the embargo a member gave in a field (front matter, JSON), the one given with the upload
    /// (<c>?embargo=</c>, already a moment) and the embargo lines of the text.
    /// </summary>
    public static EmbargoDecision Decide(string? field, DateTimeOffset? given, IReadOnlyList<string> lines, TimeZoneInfo zone, DateTimeOffset now)
    {
        var moments = new List<DateTimeOffset>();
        if (given is { } upload)
        {
            moments.Add(upload);
        }

        if (field is not null)
        {
            var reading = EmbargoText.Read(field, zone);
            if (Refusal(reading, "The field 'embargo'") is { } refused)
            {
                return refused;
            }

            if (reading.Kind == EmbargoKind.Unreadable)
            {
                return EmbargoDecision.Refuse(RejectionCodes.InvalidEmbargo,
                    $"The field 'embargo' cannot be used: {reading.Problem}. Give ISO 8601 with an offset, e.g. 'embargo: 2026-03-12T10:00:00+01:00'.");
            }

            AddMoment(reading, moments);
        }

        string? hold = null;
        foreach (var line in lines)
        {
            var reading = EmbargoText.Read(line, zone);
            if (Refusal(reading, $"The embargo line '{TextCleaner.SingleLine(line, 80)}'") is { } refused)
            {
                return refused;
            }

            if (reading.Kind == EmbargoKind.Unreadable)
            {
                // Never a guess: a release whose embargo is not understood waits for a person.
                hold ??= $"The embargo line '{TextCleaner.SingleLine(line, 80)}' cannot be read ({reading.Problem}); the release waits for an editor to set its embargo.";
            }

            AddMoment(reading, moments);
        }

        var warnings = new List<string>();
        if (moments.Count == 0)
        {
            return new EmbargoDecision(null, null, hold, warnings);
        }

        var latest = moments.Max();
        if (moments.Distinct().Count() > 1)
        {
            warnings.Add($"The release gives different embargoes; the latest, {latest:yyyy-MM-dd HH:mm} UTC, applies.");
        }

        var check = Check(latest, now);
        if (check.Rejection is not null)
        {
            return check;
        }

        if (check.Embargo is null)
        {
            warnings.Add($"The embargo ({latest:yyyy-MM-dd HH:mm} UTC) has already passed; the release is not held.");
        }

        return check with { HoldReason = hold, Warnings = warnings };
    }

    /// <summary>One moment against the clock: too far ahead is refused, a past one is no embargo.</summary>
    public static EmbargoDecision Check(DateTimeOffset embargo, DateTimeOffset now)
    {
        if (embargo - now > MaxAhead)
        {
            return EmbargoDecision.Refuse(RejectionCodes.EmbargoTooFar,
                $"The embargo {embargo:yyyy-MM-dd HH:mm} UTC is more than a year ahead; check its year.");
        }

        return new EmbargoDecision(embargo > now ? embargo.ToUniversalTime() : null, null, null, []);
    }

    /// <summary>A moment for the API and forms: the reading must be one moment, within the rules.</summary>
    public static EmbargoDecision FromReading(EmbargoReading reading, string what, DateTimeOffset now)
    {
        if (Refusal(reading, what) is { } refused)
        {
            return refused;
        }

        return reading.Kind switch
        {
            EmbargoKind.At => Check(reading.At!.Value, now),
            EmbargoKind.None => new EmbargoDecision(null, null, null, []),
            _ => EmbargoDecision.Refuse(RejectionCodes.InvalidEmbargo,
                $"{what} cannot be used: {reading.Problem}. Give ISO 8601 with an offset, e.g. 2026-03-12T10:00:00+01:00."),
        };
    }

    private static EmbargoDecision? Refusal(EmbargoReading reading, string what) => reading.Kind switch
    {
        EmbargoKind.Nonexistent => EmbargoDecision.Refuse(RejectionCodes.EmbargoNonexistentTime, $"{what} names a time that does not exist: {reading.Problem}."),
        EmbargoKind.Ambiguous => EmbargoDecision.Refuse(RejectionCodes.EmbargoAmbiguousTime, $"{what} is ambiguous: {reading.Problem}."),
        _ => null,
    };

    private static void AddMoment(EmbargoReading reading, List<DateTimeOffset> moments)
    {
        if (reading is { Kind: EmbargoKind.At, At: { } at })
        {
            moments.Add(at);
        }
    }
}
