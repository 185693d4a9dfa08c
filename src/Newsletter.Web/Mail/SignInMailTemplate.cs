using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;

namespace Newsletter.Web.Mail;

/// <summary>The sign-in mail: HTML from <see cref="SignInMailBody"/>, and its plain-text twin.</summary>
public sealed class SignInMailTemplate(IServiceScopeFactory scopes) : ISignInMailTemplate
{
    public async Task<RenderedMail> RenderAsync(SignInMailModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = await scopes.RenderAsync<SignInMailBody, SignInMailModel>(model);
        var text = $"""
            Hello,

            Someone asked to sign in to {model.NetworkName} as {model.Address}. To sign in, open this link and press the button on the page:

            {model.Link}

            Or type this code on the page where you asked for the link: {model.Code}

            The link and the code work once, for {model.Minutes} minutes. If you did not ask to sign in, ignore this mail: nobody can sign in without it.
            """;
        return new RenderedMail($"Sign in to {model.NetworkName}", html, text);
    }
}
