using Microsoft.AspNetCore.Http;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions.Subscriptions;

/// <summary>Reads the parts of a request the subscription functions need.</summary>
public static class RequestReader
{
    public static string? Token(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query["token"].FirstOrDefault();
    }

    /// <summary>The posted form, or an empty one when the body is not a form.</summary>
    public static async Task<IFormCollection> FormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return FormCollection.Empty;
        }
    }

    public static SignupInput Signup(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new SignupInput(form[FormFields.Email].FirstOrDefault(), form[FormFields.Name].FirstOrDefault(), Topics(form),
            form[FormFields.Frequency].FirstOrDefault(), form[FormFields.Honeypot].FirstOrDefault(), form[FormFields.RenderToken].FirstOrDefault());
    }

    public static PreferencesInput Preferences(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new PreferencesInput(form[FormFields.Name].FirstOrDefault(), Topics(form), form[FormFields.Frequency].FirstOrDefault(),
            string.Equals(form["paused"].FirstOrDefault(), "yes", StringComparison.Ordinal));
    }

    /// <summary>
    /// The client: the peer as the forwarded-headers middleware left it, which believes
    /// <c>X-Forwarded-For</c> only from the proxies configured in <see cref="ForwardedClientSettings"/>.
    /// </summary>
    public static ClientInfo Client(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ClientInfo(request.HttpContext.Connection.RemoteIpAddress?.ToString(), request.Headers.UserAgent.ToString());
    }

    private static string[] Topics(IFormCollection form) => form[FormFields.Topics].Where(t => t is not null).Select(t => t!).ToArray();
}
