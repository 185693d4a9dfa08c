using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Newsletter.Web;

/// <summary>
/// Renders components to HTML on the server, in the DI scope of the request (so a component's
/// <c>@inject</c> sees the same services as the function that asked). One <see cref="HtmlRenderer"/>
/// per scope: it is cheap to keep and not safe to share across requests.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private HtmlRenderer? renderer;

    /// <summary>The HTML of a component that takes no model.</summary>
    public Task<string> RenderAsync<TComponent>()
        where TComponent : IComponent => RenderAsync<TComponent>(ParameterView.Empty);

    /// <summary>The HTML of a page from its typed model.</summary>
    public Task<string> RenderAsync<TComponent, TModel>(TModel model)
        where TComponent : PageBase<TModel> =>
        RenderAsync<TComponent>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PageBase<TModel>.Model)] = model }));

    /// <summary>A page as an HTTP answer, with the security headers every page carries.</summary>
    public async Task<HtmlPage> PageAsync<TComponent, TModel>(TModel model, int statusCode = StatusCodes.Status200OK)
        where TComponent : PageBase<TModel> =>
        new(await RenderAsync<TComponent, TModel>(model), statusCode);

    /// <summary>A page without a model as an HTTP answer.</summary>
    public async Task<HtmlPage> PageAsync<TComponent>(int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(await RenderAsync<TComponent>(), statusCode);

    public async Task<string> RenderAsync<TComponent>(ParameterView parameters)
        where TComponent : IComponent
    {
        renderer ??= new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(parameters);
            return output.ToHtmlString();
        });
    }

    public ValueTask DisposeAsync() => renderer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
