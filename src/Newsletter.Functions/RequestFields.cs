using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Newsletter.Core.Releases;

namespace Newsletter.Functions;

/// <summary>
/// One text field of a small admin post: <c>{"name": "..."}</c> or a form field. A JSON body is read as JSON
/// whatever its content type: <c>curl -d '{...}'</c> labels it a form.
/// </summary>
internal static class RequestFields
{
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>The field's value (null when absent), or the error answer for a body that is too large or not JSON.</summary>
    public static async Task<(string? Value, IActionResult? Error)> ReadAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var content = request.ContentLength > MaxBodyBytes ? null : await LimitedReader.ReadAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (content is null)
        {
            return (null, ApiResults.Error(StatusCodes.Status413PayloadTooLarge, "too_large", $"The {name} fits in {MaxBodyBytes:N0} bytes."));
        }

        var text = Encoding.UTF8.GetString(content);
        if (!text.TrimStart().StartsWith('{') && !request.HasJsonContentType())
        {
            return (QueryHelpers.ParseQuery(text).TryGetValue(name, out var field) ? field.ToString() : null, null);
        }

        try
        {
            using var body = JsonDocument.Parse(text);
            return (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null, null);
        }
        catch (JsonException)
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", $"Send {{\"{name}\": \"...\"}} as JSON."));
        }
    }
}
