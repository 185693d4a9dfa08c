using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Cli.Commands;

/// <summary><c>newsletter digest run --frequency daily|weekly</c>: compose an edition now, as the timer would.</summary>
internal static class DigestCommand
{
    public static Command Create()
    {
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: NewsletterStorage, a running serve, or the local data)", Recursive = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Local data folder (default: .data in the project folder)", Recursive = true };
        var frequency = new Option<Frequency>("--frequency") { Description = "daily or weekly", Required = true };
        var run = new Command("run", "Compose the edition of this moment (an edition already composed for this minute is shown, not made again)") { frequency };
        run.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            var clock = Stopwatch.StartNew();
            var outcome = await opened.Services.GetRequiredService<EditionComposer>()
                .ComposeAsync(parse.GetValue(frequency), TimeProvider.System.GetUtcNow(), ct);
            Print(outcome, clock.Elapsed);
            return 0;
        });

        return new Command("digest", "Compose digests and look at editions") { storage, dataDir, run };
    }

    private static void Print(ComposeOutcome outcome, TimeSpan duration)
    {
        var edition = outcome.Edition;
        Console.WriteLine($"edition:    {edition.Id}{(outcome.Created ? string.Empty : " (composed earlier; shown as it is)")}");
        Console.WriteLine($"status:     {edition.Status}{(edition.Reason is null ? string.Empty : $": {edition.Reason}")}");
        Console.WriteLine($"window:     {edition.WindowStart:u} .. {edition.Cutoff:u}");
        Console.WriteLine($"updates:    {edition.Items.Count}");
        Console.WriteLine($"variants:   {edition.Variants.Count(v => !v.Skipped)} rendered, {edition.Variants.Count(v => v.Skipped)} with nothing to send");
        Console.WriteLine($"recipients: {edition.Variants.Where(v => !v.Skipped).Sum(v => v.Readers)}");
        foreach (var variant in edition.Variants)
        {
            var topics = variant.Topics.Count == 0 ? "all topics" : string.Join(", ", variant.Topics);
            Console.WriteLine($"  {variant.Key,-14} {topics,-30} {variant.Readers,6} readers  {variant.UpdateIds.Count,3} updates  {variant.Subject}");
        }

        Console.WriteLine($"duration:   {duration.TotalMilliseconds:N0} ms");
    }
}
