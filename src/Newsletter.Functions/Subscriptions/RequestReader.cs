using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
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

    /// <summary>
    /// The most a form of this site may hold, whatever its content type. Its largest (preferences: a name, a
    /// frequency and the topics) needs a few KiB at most, so 64 KiB leaves room and keeps a flood out of the parser.
    /// </summary>
    public const int FormLimitBytes = 64 * 1024;

    /// <summary>
    /// The posted form, or an empty one when the request is not labelled a form. A labelled form that cannot be read
    /// (more than 1,024 fields, malformed) throws a 400 that says why; a body over <see cref="FormLimitBytes"/>,
    /// url-encoded or multipart, declared or counted as it arrives, throws the 413 that the hosts answer
    /// (<see cref="Http.ClientErrors"/>) before the function has done anything.
    /// </summary>
    public static Task<IFormCollection> FormAsync(HttpRequest request, CancellationToken cancellationToken) =>
        FormAsync(request, FormLimitBytes, $"A form may hold at most {FormLimitBytes / 1024} KiB.", cancellationToken);

    /// <summary>
    /// As <see cref="FormAsync(HttpRequest, CancellationToken)"/> with a larger bound, for a form that carries a file;
    /// <paramref name="tooLarge"/> is what the 413 says.
    /// </summary>
    public static async Task<IFormCollection> FormAsync(HttpRequest request, long limitBytes, string tooLarge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        if (request.HttpContext.Features.Get<IFormFeature>()?.Form is { } read)
        {
            return read;
        }

        await BoundBodyAsync(request, limitBytes, tooLarge, cancellationToken);
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            // Not an empty form: the anti-forgery check would then refuse it as expired, which misleads.
            throw Http.ClientErrors.NotAForm(ex.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase)
                ? $"It holds more than {FormReader.DefaultValueCountLimit:N0} fields, far more than any form of this site has, so nothing was saved. Open the page again and send its form from there."
                : "Its body is not a well-formed form (a field name or value too long, or a multipart body without its boundary), so nothing was saved. Open the page again and send its form from there.", ex);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary: the form did not arrive whole.
            throw new BadHttpRequestException("The multipart form ends before its closing boundary.", StatusCodes.Status400BadRequest, ex);
        }
    }

    /// <summary>Reads the body into memory, up to the limit; a chunked body has no declared length to check first.</summary>
    private static async Task BoundBodyAsync(HttpRequest request, long limitBytes, string tooLarge, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limitBytes)
        {
            throw TooLarge(tooLarge);
        }

        var body = new MemoryStream();
        request.HttpContext.Response.RegisterForDispose(body);
        var chunk = new byte[8192];
        int count;
        while ((count = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + count > limitBytes)
            {
                throw TooLarge(tooLarge);
            }

            body.Write(chunk, 0, count);
        }

        body.Position = 0;
        request.Body = body;
    }

    private static BadHttpRequestException TooLarge(string message) => new(message, StatusCodes.Status413PayloadTooLarge);

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
