using System.Globalization;

namespace Newsletter.Core.Embargoes;

/// <summary>Local wall-clock times in a zone, with the two daylight-saving traps: the spring gap and the autumn fold.</summary>
public static class ZoneTime
{
    /// <summary>
    /// The moment a local time in <paramref name="zone"/> names: one moment, none (a time clocks skip when they
    /// go forward), or two (a time they repeat when they go back; the caller must ask which).
    /// </summary>
    public static EmbargoReading FromLocal(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var shown = local.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture);
        if (zone.IsInvalidTime(local))
        {
            return new EmbargoReading(EmbargoKind.Nonexistent,
                Problem: $"{shown} does not exist in {zone.Id}: the clocks go forward over it; give a time outside the skipped hour, or an offset");
        }

        if (zone.IsAmbiguousTime(local))
        {
            var candidates = zone.GetAmbiguousTimeOffsets(local).Select(o => new DateTimeOffset(local, o).ToUniversalTime()).Order().ToArray();
            var choices = string.Join(" or ", candidates.Select(c => $"{new DateTimeOffset(local, zone.GetUtcOffset(c)):yyyy-MM-ddTHH:mmzzz} ({c:HH:mm} UTC)"));
            return new EmbargoReading(EmbargoKind.Ambiguous, Candidates: candidates,
                Problem: $"{shown} occurs twice in {zone.Id} (the clocks go back over it): say which with an offset, {choices}");
        }

        return EmbargoReading.Moment(new DateTimeOffset(local, zone.GetUtcOffset(local)));
    }
}
