using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core;

/// <summary>Settings that describe the deployment as a whole.</summary>
public sealed class AppOptions
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

    /// <summary>The base URL without a trailing slash.</summary>
    public string Root => BaseUrl.TrimEnd('/');
}
