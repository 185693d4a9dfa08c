using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Portal;

/// <summary>Limits on what a member's contacts keep in the portal.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>
    /// Drafts (saved, and previews of the last day) one contact may keep at once; a new one beyond it is refused until
    /// some are submitted or deleted. Default 50.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxDraftsPerContact { get; set; } = 50;

    /// <summary>Drafts all of one member's contacts may keep at once. Default 200.</summary>
    [Range(1, 100_000)]
    public int MaxDraftsPerMember { get; set; } = 200;
}
