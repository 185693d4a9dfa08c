using System.ComponentModel.DataAnnotations;

namespace Newsletter.Infrastructure.Mail;

/// <summary>The SendGrid transport (<c>Mail:Transport = SendGrid</c>).</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    /// <summary>An API key with the Mail Send permission (a Key Vault reference in Azure). Needed only by the SendGrid transport.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The API's base address; tests and benchmarks point it at a local stub.</summary>
    [Required, Url]
    public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>How long one request may take before its outcome counts as unknown.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Attempts per request for answers that say "not taken" (429, 5xx) and for failed connects.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first back-off delay; later ones grow exponentially, with jitter. A 429 waits as long as SendGrid says instead.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;
}
