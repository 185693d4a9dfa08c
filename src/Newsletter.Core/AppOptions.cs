using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core;

/// <summary>Settings that describe the deployment as a whole.</summary>
public sealed class AppOptions : IValidatableObject
{
    public const string SectionName = "App";

    /// <summary>
    /// The public address of the app, used for every absolute link in pages and mails
    /// (<c>{BaseUrl}/confirm?...</c>). The local host sets it to its own address when unset.
    /// </summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The network's name, shown on pages and as the sender of mails.</summary>
    [Required, MaxLength(100)]
    public string NetworkName { get; set; } = "Network Updates";

    /// <summary>
    /// The network's time zone (an IANA id such as <c>Europe/Brussels</c>): embargoes given without a zone are
    /// read in it, and pages show times in it with UTC beside them.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Brussels";

    /// <summary>The base URL without a trailing slash.</summary>
    public string Root => BaseUrl.TrimEnd('/');

    /// <summary>The zone <see cref="TimeZone"/> names (validated at start-up).</summary>
    public TimeZoneInfo Zone => zone is { } known && known.Id == TimeZone ? known : zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    private TimeZoneInfo? zone;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out var found) || !found.HasIanaId)
        {
            yield return new ValidationResult(
                $"App:TimeZone '{TimeZone}' is not an IANA time zone id this machine knows (e.g. Europe/Brussels, Europe/London, UTC).", [nameof(TimeZone)]);
        }
    }
}
