using Microsoft.Extensions.DependencyInjection;

namespace Newsletter.Web.Mail;

/// <summary>Renders a mail body component for the mail templates.</summary>
internal static class MailBodies
{
    /// <summary>The templates are singletons (queue triggers and singleton services call them); the renderer belongs to a scope.</summary>
    public static async Task<string> RenderAsync<TComponent, TModel>(this IServiceScopeFactory scopes, TModel model)
        where TComponent : PageBase<TModel>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PageRenderer>().RenderAsync<TComponent, TModel>(model);
    }
}
