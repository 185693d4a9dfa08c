using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Newsletter.Core.Releases;
using ParseResult = Newsletter.Core.Releases.ParseResult;
using Newsletter.Web.Shared;

namespace Newsletter.Cli.Commands;

/// <summary>
/// <c>newsletter validate &lt;file&gt;... [--json]</c>: parses and checks releases exactly as ingestion
/// would, without storing anything. Exit 0 when all are accepted, 2 when any is rejected.
/// </summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static Command Create()
    {
        var files = new Argument<string[]>("file") { Description = $"Release files ({ReleaseFormats.ExtensionList})", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per file, each on its own line" };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Size limit in bytes", DefaultValueFactory = _ => new IngestionOptions().MaxUploadBytes };
        var command = new Command("validate", "Check release files as ingestion would, without storing them") { files, json, maxBytes };
        command.SetAction(async (parse, ct) =>
        {
            var allAccepted = true;
            foreach (var file in parse.GetValue(files)!)
            {
                var (result, format) = await ValidateAsync(file, parse.GetValue(maxBytes), ct);
                allAccepted &= result.Accepted;
                Console.WriteLine(parse.GetValue(json) ? JsonLine(file, result, format) : Human(file, result));
            }

            return allAccepted ? 0 : 2;
        });
        return command;
    }

    internal static async Task<(ParseResult Result, ReleaseFormat? Format)> ValidateAsync(string file, long maxBytes, CancellationToken cancellationToken)
    {
        var format = ReleaseFormats.Detect(file, null);
        if (!File.Exists(file))
        {
            return (ParseResult.Reject("not-found", $"There is no file '{file}'."), format);
        }

        await using var stream = File.OpenRead(file);
        var content = await LimitedReader.ReadAsync(stream, maxBytes, cancellationToken);

        // The same time budget as ingestion, so a file that would time out there does not pass here.
        using var budget = new CancellationTokenSource(new IngestionOptions().ParseBudget);
        return content is null
            ? (ParseResult.Reject(RejectionCodes.TooLarge, $"The file is larger than the limit of {maxBytes:N0} bytes."), format)
            : (ReleaseParser.Parse(content, file, budget: budget.Token), format);
    }

    private static string JsonLine(string file, ParseResult result, ReleaseFormat? format)
    {
        if (result.Release is not { } r)
        {
            return JsonSerializer.Serialize(new { file, status = "rejected", code = result.Rejection!.Code, message = result.Rejection.Message }, Json);
        }

        return JsonSerializer.Serialize(new
        {
            file,
            status = "accepted",
            format = ReleaseFormats.Name(r.Format),
            title = r.Title,
            date = r.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            organisation = r.Organisation,
            summary = r.Summary,
            bodyText = r.BodyText,
            bodyHtml = r.BodyHtml,
            wordCount = r.WordCount,
            topics = r.Topics,
            warnings = r.Warnings,
        }, Json);
    }

    private static string Human(string file, ParseResult result)
    {
        if (result.Release is not { } r)
        {
            return $"{file}: rejected ({result.Rejection!.Code}): {result.Rejection.Message}";
        }

        var lines = new List<string>
        {
            $"{file}: accepted ({ReleaseFormats.Name(r.Format)}, {Words.Count(r.WordCount, "word")})",
            $"  title:        {r.Title}",
            $"  date:         {r.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none found)"}",
            $"  organisation: {r.Organisation ?? "(none found)"}",
            $"  summary:      {r.Summary}",
        };
        lines.AddRange(r.Warnings.Select(w => $"  warning:      {w}"));
        return string.Join(Environment.NewLine, lines);
    }
}
