using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Access;

/// <summary>Limits of sign-in and sessions (section <c>SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>How long a mailed link and its code work.</summary>
    [Range(1, 60)]
    public int LinkMinutes { get; set; } = 15;

    /// <summary>Wrong codes typed for one request before it is used up.</summary>
    [Range(1, 20)]
    public int MaxCodeAttempts { get; set; } = 5;

    /// <summary>
    /// Sign-in requests for one address from one client in <see cref="AddressWindowMinutes"/>; more are answered
    /// alike but mail nothing. Counted per client, so a stranger asking for someone's address does not use up
    /// the owner's own requests.
    /// </summary>
    [Range(1, 100)]
    public int AddressLimit { get; set; } = 5;

    /// <summary>
    /// Sign-in requests for one address from all clients together in <see cref="AddressWindowMinutes"/>: the
    /// most mails one inbox gets. Past it nothing more is mailed, but the links already mailed still work.
    /// </summary>
    [Range(1, 1000)]
    public int AddressCeiling { get; set; } = 20;

    [Range(1, 24 * 60)]
    public int AddressWindowMinutes { get; set; } = 15;

    /// <summary>Sign-in requests and code entries per client in <see cref="ClientWindowSeconds"/>; more get 429.</summary>
    [Range(1, 10_000)]
    public int ClientLimit { get; set; } = 20;

    [Range(1, 86_400)]
    public int ClientWindowSeconds { get; set; } = 900;

    /// <summary>A session unused this long ends.</summary>
    [Range(1, 24 * 30)]
    public int SessionIdleHours { get; set; } = 8;

    /// <summary>A session ends this long after sign-in, used or not.</summary>
    [Range(1, 90)]
    public int SessionDays { get; set; } = 7;
}
