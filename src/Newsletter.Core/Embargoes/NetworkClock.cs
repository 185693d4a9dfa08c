using System.Globalization;
using Microsoft.Extensions.Options;

namespace Newsletter.Core.Embargoes;

/// <summary>Moments as people of the network read them: in <c>App:TimeZone</c>, with UTC beside.</summary>
public sealed class NetworkClock(IOptions<AppOptions> app)
{
    public TimeZoneInfo Zone => app.Value.Zone;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"29 Mar 2026 10:00": the moment in the network's zone, to the minute, as the console's lists show it.</summary>
    public string Brief(DateTimeOffset at) => Local(at).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"29 Mar 2026 08:00 UTC": the same moment in UTC.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"29 Mar 2026, 10:00 Europe/Brussels (08:00 UTC)"; the UTC side names its day when that differs.</summary>
    public string Describe(DateTimeOffset at)
    {
        var local = Local(at);
        var utc = at.ToUniversalTime();
        var utcDay = utc.Date != local.Date ? utc.ToString(" d MMM", CultureInfo.InvariantCulture) : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{local:d MMM yyyy, HH:mm} {Zone.Id} ({utc:HH:mm} UTC{utcDay})");
    }
}
