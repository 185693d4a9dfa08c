using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Functions.Subscriptions;

namespace Newsletter.Functions.Tests.Subscriptions;

/// <summary>
/// The client address as the function classes see it, after ASP.NET Core's forwarded-headers middleware
/// has run with the app's settings, configured the way the Functions worker configures it in Azure.
/// </summary>
public class RequestReaderTests
{
    private static async Task<string?> ClientOf(string peer, string? forwardedFor, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        // What the worker's ASP.NET Core integration sets before the app's own configuration.
        services.Configure<ForwardedHeadersOptions>(o => { o.ForwardedHeaders = ForwardedHeaders.All; o.ForwardLimit = null; });
        services.AddForwardedClients(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"ForwardedHeaders:{s.Key}", (string?)s.Value)))
            .Build());
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>();

        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        await new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, options).Invoke(context);
        return RequestReader.Client(context.Request).Ip;
    }

    [Fact]
    public async Task BehindTheFunctionsHost_TheEntryThePlatformAppended_IsTheClient_WhateverTheClientWroteBeforeIt()
    {
        Assert.Equal("203.0.113.7", await ClientOf("127.0.0.1", "6.6.6.6, 7.7.7.7, 203.0.113.7:51234"));
        Assert.Equal("203.0.113.7", await ClientOf("::1", "203.0.113.7"));
    }

    [Fact]
    public async Task FromAPeerThatIsNoKnownProxy_TheHeaderIsIgnored()
    {
        Assert.Equal("198.51.100.1", await ClientOf("198.51.100.1", "203.0.113.7"));
    }

    [Fact]
    public async Task WithNoProxyTrusted_EvenLoopbackCannotNameTheClient()
    {
        Assert.Equal("127.0.0.1", await ClientOf("127.0.0.1", "203.0.113.7", ("KnownProxies", ""), ("KnownNetworks", "")));
    }

    [Fact]
    public async Task AConfiguredProxyNetwork_IsWalkedThrough_ToTheFirstUntrustedHop()
    {
        Assert.Equal("203.0.113.7", await ClientOf("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.2.3", ("KnownNetworks", "127.0.0.0/8,10.0.0.0/8")));
    }

    [Fact]
    public void AProxyThatIsNoAddress_IsRefusedByName()
    {
        var services = new ServiceCollection().AddForwardedClients(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("ForwardedHeaders:KnownProxies", (string?)"front-door")]).Build());

        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value);
        Assert.Contains("front-door", error.Message, StringComparison.Ordinal);
    }
}
