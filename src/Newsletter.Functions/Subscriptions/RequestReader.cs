using System.Net;
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
    /// The client: behind the Functions front end the peer is a proxy, so the right-most
    /// <c>X-Forwarded-For</c> entry (the one the platform added) is the client; locally it is the peer.
    /// </summary>
    public static ClientInfo Client(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? ip = null;
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            // Azure's front end may append the port ("203.0.113.7:51234").
            ip = last is not null && IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address.ToString() : last;
        }

        ip ??= request.HttpContext.Connection.RemoteIpAddress?.ToString();
        return new ClientInfo(ip, request.Headers.UserAgent.ToString());
    }

    private static string[] Topics(IFormCollection form) => form[FormFields.Topics].Where(t => t is not null).Select(t => t!).ToArray();
}
