using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Web.Mail;

/// <summary>The subscription mails' HTML bodies, rendered from their components.</summary>
public sealed class MailTemplates(IServiceScopeFactory scopes) : IMailTemplates
{
    public Task<string> ConfirmationAsync(ConfirmationMail model) => RenderAsync<ConfirmationMailBody, ConfirmationMail>(model);

    public Task<string> WelcomeAsync(WelcomeMail model) => RenderAsync<WelcomeMailBody, WelcomeMail>(model);

    public Task<string> AlreadySubscribedAsync(AlreadySubscribedMail model) => RenderAsync<AlreadySubscribedMailBody, AlreadySubscribedMail>(model);

    private async Task<string> RenderAsync<TComponent, TModel>(TModel model)
        where TComponent : PageBase<TModel>
    {
        // The mailer is a singleton (a queue trigger calls it); the renderer belongs to a scope.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PageRenderer>().RenderAsync<TComponent, TModel>(model);
    }
}
