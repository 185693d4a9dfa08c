using System.Globalization;
using Newsletter.Core.Embargoes;

namespace Newsletter.Core.Portal;

/// <summary>The embargo the form's fields name: a moment (null when left empty), or the problem to show beside them.</summary>
public sealed record EmbargoEntry(DateTimeOffset? At, FieldProblem? Problem)
{
    public static readonly EmbargoEntry None = new(null, null);

    public static EmbargoEntry Refused(string field, string message) => new(null, new FieldProblem(field, message));
}

/// <summary>
/// The release form's embargo: a day, a time and a zone (the network's by default), and in the autumn fold
/// which of the two moments. Read here into one moment, or a problem beside the fields.
/// </summary>
public static class EmbargoFields
{
    /// <summary>The zones the form offers, the network's first.</summary>
    public static IReadOnlyList<string> Zones(TimeZoneInfo network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new[] { network.Id, "UTC", "Europe/London", "Europe/Brussels", "Europe/Berlin", "Europe/Helsinki", "America/New_York", "America/Los_Angeles", "Asia/Tokyo" }
            .Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The moment the fields name (null when left empty), or the problem to show beside them.</summary>
    public static EmbargoEntry Read(ReleaseForm form, TimeZoneInfo network, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(network);
        var (day, clock) = (form.EmbargoDate.Trim(), form.EmbargoTime.Trim());
        if (day.Length == 0 && clock.Length == 0)
        {
            return EmbargoEntry.None;
        }

        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TimeOnly.TryParseExact(clock, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return EmbargoEntry.Refused("embargo", "Enter both the day (e.g. 2026-12-01) and the time (e.g. 10:00) of the embargo, or neither.");
        }

        var zoneId = form.EmbargoZone.Trim().Length > 0 ? form.EmbargoZone.Trim() : network.Id;
        if (!Zones(network).Contains(zoneId, StringComparer.Ordinal) || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return EmbargoEntry.Refused("embargo", $"Choose the embargo's time zone from the list ({string.Join(", ", Zones(network))}).");
        }

        var reading = ZoneTime.FromLocal(date.ToDateTime(time), zone);
        DateTimeOffset at;
        switch (reading.Kind)
        {
            case EmbargoKind.Nonexistent:
                return EmbargoEntry.Refused("embargo", $"{reading.Problem}.");
            case EmbargoKind.Ambiguous when form.EmbargoFold is "earlier" or "later":
                at = form.EmbargoFold == "earlier" ? reading.Candidates![0] : reading.Candidates![^1];
                break;
            case EmbargoKind.Ambiguous:
                return EmbargoEntry.Refused("embargo-fold", $"{reading.Problem}. Choose which below.");
            default:
                at = reading.At!.Value;
                break;
        }

        var check = EmbargoRules.Check(at, now);
        return check.Rejection is { } refused ? EmbargoEntry.Refused("embargo", refused.Message) : new EmbargoEntry(at, null);
    }

    /// <summary>The two moments of a time in the fold, for the choice the form shows (earlier first).</summary>
    public static IReadOnlyList<DateTimeOffset> FoldChoices(ReleaseForm form, TimeZoneInfo network)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(network);
        var zone = form.EmbargoZone.Trim().Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(form.EmbargoZone.Trim(), out var chosen) ? chosen : network;
        return DateOnly.TryParseExact(form.EmbargoDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && TimeOnly.TryParseExact(form.EmbargoTime.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && ZoneTime.FromLocal(date.ToDateTime(time), zone) is { Kind: EmbargoKind.Ambiguous, Candidates: { } both }
                ? both
                : [];
    }

    /// <summary>The fields for an update's embargo, in UTC: editing a scheduled release keeps its moment to the minute.</summary>
    public static ReleaseForm WithEmbargo(ReleaseForm form, DateTimeOffset? embargo)
    {
        ArgumentNullException.ThrowIfNull(form);
        return embargo is not { } at ? form : form with
        {
            EmbargoDate = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EmbargoTime = at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            EmbargoZone = "UTC",
        };
    }
}
