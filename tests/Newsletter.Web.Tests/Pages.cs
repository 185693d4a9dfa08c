using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Web.Tests;

/// <summary>Renders components as the hosts do (a <see cref="PageRenderer"/> in a DI scope) and parses the result.</summary>
internal sealed class Pages : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    public Pages(string network = "Research Network Updates", string baseUrl = "https://updates.example.net", Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection();
        collection.Configure<AppOptions>(o => { o.NetworkName = network; o.BaseUrl = baseUrl; });
        collection.Configure<SubscriptionOptions>(_ => { });
        collection.Configure<BrandingOptions>(_ => { });
        collection.AddSingleton<Links>();
        collection.AddSingleton<NetworkClock>();
        collection.AddNewsletterWeb();
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        scope = services.CreateAsyncScope();
    }

    public PageRenderer Renderer => scope.ServiceProvider.GetRequiredService<PageRenderer>();

    public IServiceScopeFactory Scopes => services.GetRequiredService<IServiceScopeFactory>();

    public async Task<IDocument> PageAsync<TComponent, TModel>(TModel model)
        where TComponent : PageBase<TModel> =>
        Parse(await Renderer.RenderAsync<TComponent, TModel>(model));

    public async Task<IDocument> ComponentAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent =>
        Parse(await Renderer.RenderAsync<TComponent>(ParameterView.FromDictionary(parameters)));

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
    }
}
