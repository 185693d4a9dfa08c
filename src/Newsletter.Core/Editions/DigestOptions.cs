using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Editions;

/// <summary>How digests are scheduled and dressed.</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digest";

    /// <summary>NCRONTAB (seconds first, UTC) of the daily edition; read by the timer trigger too.</summary>
    [Required]
    public string DailySchedule { get; set; } = "0 0 7 * * *";

    /// <summary>NCRONTAB of the weekly edition: Mondays 07:00 UTC.</summary>
    [Required]
    public string WeeklySchedule { get; set; } = "0 0 7 * * 1";

    /// <summary>
    /// The subject line. <c>{network}</c>, <c>{date}</c> (e.g. 11 Dec 2019), <c>{first}</c> (the first
    /// update's title) and <c>{more}</c> (" and 4 more", or nothing) are filled in.
    /// </summary>
    [Required, MaxLength(200)]
    public string Subject { get; set; } = "{network}, {date}: {first}{more}";

    /// <summary>
    /// When true, the timers compose each edition held: an editor sends or skips it from the console
    /// (<c>/console/editions</c>). Off by default, so the timers keep sending on their own.
    /// </summary>
    public bool RequireApproval { get; set; }

    /// <summary>The sender's postal address, printed in every footer (CAN-SPAM and similar laws require one).</summary>
    [Required, MaxLength(300)]
    public string PostalAddress { get; set; } = "Network Office, 1 Example Street, 1000 Brussels, Belgium";
}
