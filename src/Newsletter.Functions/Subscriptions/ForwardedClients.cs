using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Newsletter.Functions.Subscriptions;

/// <summary>
/// Which peers may say who the client is (<c>ForwardedHeaders:*</c>). ASP.NET Core's forwarded-headers
/// middleware applies them: the Functions worker runs it on every request (its peer is the Functions host
/// on loopback, which passes on the <c>X-Forwarded-For</c> of the platform's front end), and
/// <c>newsletter serve</c> runs it too. Only a peer listed here is believed; from anyone else the header
/// is ignored and the peer itself is the client, so a rotated header cannot pose as many clients.
/// </summary>
public sealed class ForwardedClientSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>
    /// Proxies trusted to add <c>X-Forwarded-For</c>, comma-separated. Default, as ASP.NET Core's: loopback,
    /// where the Functions host reaches the worker in Azure. <c>serve</c> trusts none unless these are set.
    /// </summary>
    public string KnownProxies { get; set; } = "::1";

    /// <summary>Networks of trusted proxies in CIDR form, comma-separated (default <c>127.0.0.0/8</c>).</summary>
    public string KnownNetworks { get; set; } = "127.0.0.0/8";

    /// <summary>How many trusted hops to walk back through; empty walks until the first untrusted one.</summary>
    public int? ForwardLimit { get; set; }

    /// <summary>Puts these settings into the middleware's options, replacing its defaults.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders |= ForwardedHeaders.XForwardedFor;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in List(KnownProxies))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip)
                ? ip
                : throw new OptionsValidationException(SectionName, typeof(ForwardedClientSettings), [$"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."]));
        }

        foreach (var network in List(KnownNetworks))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new OptionsValidationException(SectionName, typeof(ForwardedClientSettings), [$"ForwardedHeaders:KnownNetworks: '{network}' is not a network like 10.0.0.0/8."]));
        }

        options.ForwardLimit = ForwardLimit;
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            // The middleware reads empty lists as "trust every peer"; here they mean "trust none".
            options.ForwardedHeaders = ForwardedHeaders.None;
        }
    }

    private static string[] List(string? text) => (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class ForwardedClientExtensions
{
    /// <summary>Binds <see cref="ForwardedClientSettings"/> and applies them after every other configuration of the middleware.</summary>
    public static IServiceCollection AddForwardedClients(this IServiceCollection services, IConfiguration configuration)
    {
        // Read by hand: an empty value means "trust none", which the binder would skip as unset.
        var section = configuration.GetSection(ForwardedClientSettings.SectionName);
        var settings = new ForwardedClientSettings();
        settings.KnownProxies = section[nameof(settings.KnownProxies)] ?? settings.KnownProxies;
        settings.KnownNetworks = section[nameof(settings.KnownNetworks)] ?? settings.KnownNetworks;
        settings.ForwardLimit = int.TryParse(section[nameof(settings.ForwardLimit)], System.Globalization.CultureInfo.InvariantCulture, out var limit) ? limit : null;
        services.PostConfigure<ForwardedHeadersOptions>(settings.ApplyTo);
        return services;
    }
}
