using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Web.Shared;

namespace Newsletter.Cli.Commands;

/// <summary>
/// <c>newsletter digest run --frequency daily|weekly</c>: compose an edition now and send it, as the
/// timer and the dispatch queue would; <c>newsletter digest status {editionId}</c>: what the ledger says.
/// </summary>
internal static class DigestCommand
{
    public static Command Create()
    {
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: NewsletterStorage, a running serve, or the local data)", Recursive = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Local data folder (default: .data in the project folder)", Recursive = true };
        var frequency = new Option<Frequency>("--frequency") { Description = "daily or weekly", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Compose and report what would be sent (updates, variants, recipients), storing and sending nothing" };
        var run = new Command("run", "Compose the edition of this moment and send it (an edition already composed for this minute is shown, and only its unsent chunks are sent)") { frequency, dryRun };
        run.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            if (parse.GetValue(dryRun))
            {
                var report = await opened.Services.GetRequiredService<EditionComposer>().DryRunAsync(parse.GetValue(frequency), ct);
                DryRunReport.Print(report, opened.PublicAddress);
                return 0;
            }

            if (opened.PublicAddress is null)
            {
                // The rendering bakes the address into every link: refused before composing, too.
                await Console.Error.WriteLineAsync($"digest run: {CliStorage.NoPublicAddress}");
                return 2;
            }

            var clock = Stopwatch.StartNew();
            var outcome = await opened.Services.GetRequiredService<EditionComposer>()
                .ComposeAsync(parse.GetValue(frequency), TimeProvider.System.GetUtcNow(), ct);
            Print(outcome, clock.Elapsed);
            if (outcome.Edition.Approval == EditionApproval.Held)
            {
                // Digest:RequireApproval: the command composes as the timer does, and an editor decides.
                Console.WriteLine($"held:       nothing is sent until an editor approves it at {opened.PublicAddress}/console/editions (or skips it)");
                return 0;
            }

            return EditionDispatcher.HasMail(outcome.Edition)
                ? await SendAsync(opened.Services.GetRequiredService<EditionDispatcher>(), outcome.Edition, ct)
                : 0;
        });

        var editionId = new Argument<string>("editionId") { Description = "The edition, e.g. daily-20261130T0700" };
        var statusCommand = new Command("status", "Sent, failed, unknown and pending recipients of an edition, from the dispatch ledger") { editionId };
        statusCommand.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            var id = parse.GetValue(editionId)!;
            if (await opened.Services.GetRequiredService<IEditionStore>().GetAsync(id, ct) is not { } edition)
            {
                await Console.Error.WriteLineAsync($"No edition {id}.");
                return 1;
            }

            var status = await opened.Services.GetRequiredService<EditionDispatcher>().StatusAsync(id, ct);
            Console.WriteLine($"edition:    {edition.Id} ({EditionStates.Label(EditionStates.Of(edition, status))})");
            PrintStatus(status);
            return 0;
        });

        var sendId = new Argument<string>("editionId") { Description = "The edition, e.g. daily-20261130T0700" };
        var send = new Command("send", "Send what is not yet sent of an edition composed earlier (e.g. one marked incomplete)") { sendId };
        send.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            if (opened.PublicAddress is null)
            {
                await Console.Error.WriteLineAsync($"digest send: {CliStorage.NoPublicAddress}");
                return 2;
            }

            var id = parse.GetValue(sendId)!;
            if (await opened.Services.GetRequiredService<IEditionStore>().GetAsync(id, ct) is not { } edition)
            {
                await Console.Error.WriteLineAsync($"No edition {id}.");
                return 1;
            }

            if (edition.Approval is EditionApproval.Held or EditionApproval.Skipped)
            {
                await Console.Error.WriteLineAsync(edition.Approval == EditionApproval.Held
                    ? $"digest send: {edition.Id} is held for approval; an editor approves or skips it at {opened.PublicAddress}/console/editions. Nothing was sent."
                    : $"digest send: {edition.Id} was skipped; its updates go into the next edition. Nothing was sent.");
                return 2;
            }

            Console.WriteLine($"edition:    {edition.Id}");
            return await SendAsync(opened.Services.GetRequiredService<EditionDispatcher>(), edition, ct);
        });

        return new Command("digest", "Compose and send digests, and look at their delivery") { storage, dataDir, run, send, statusCommand };
    }

    /// <summary>Sends every bucket in this process with progress, prints the ledger's summary; exit 3 when something is not sent.</summary>
    private static async Task<int> SendAsync(EditionDispatcher dispatcher, Edition edition, CancellationToken cancellationToken)
    {
        var total = edition.Variants.Where(v => !v.Skipped).Sum(v => v.Readers);
        var progress = new DispatchProgress();
        var sending = Stopwatch.StartNew();
        DispatchStatus status;
        using (new ProgressReporter(progress, total, sending))
        {
            status = await dispatcher.DispatchAllAsync(edition, progress, cancellationToken);
        }

        Console.WriteLine($"state:      {EditionStates.Label(EditionStates.Of(edition, status))}");
        PrintStatus(status);
        Console.WriteLine($"sending:    {sending.Elapsed.TotalMilliseconds:N0} ms, {Words.Count(progress.Requests, "request")}");
        return status.Pending + status.Failed > 0 ? 3 : 0;
    }

    private static void PrintStatus(DispatchStatus status)
    {
        Console.WriteLine($"dispatch:   {(status.Started ? "started" : "not started")}, {status.Chunks} chunks, {status.Recipients} recipients");
        Console.WriteLine($"sent:       {status.Sent}");
        Console.WriteLine($"failed:     {status.Failed}");
        Console.WriteLine($"unknown:    {status.Unknown} (chunks resent after an unknown outcome: {status.UnknownResends})");
        Console.WriteLine(status.InFlight + status.Unanswered > 0
            ? $"pending:    {status.Pending} ({status.InFlight} in flight: left to the dispatcher sending them until its lease ends; {status.Unanswered} unanswered: resent next time)"
            : $"pending:    {status.Pending}");
        if (status.Incomplete)
        {
            var given = status.IncompleteBuckets.Select(b => $"bucket {b}").Concat(status.IncompleteMerges.Select(v => $"merge of variant {v}"));
            Console.WriteLine($"incomplete: {string.Join(", ", given)} given up after the last attempt; 'digest send {status.EditionId}' sends what is pending");
        }
    }

    /// <summary>A live line on a terminal; a line every few seconds when the output goes to a file or a pipe.</summary>
    private sealed class ProgressReporter : IDisposable
    {
        private readonly DispatchProgress _progress;
        private readonly int _total;
        private readonly Stopwatch _clock;
        private readonly bool _live = !Console.IsOutputRedirected;
        private readonly Timer _timer;

        public ProgressReporter(DispatchProgress progress, int total, Stopwatch clock)
        {
            _progress = progress;
            _total = total;
            _clock = clock;
            var period = _live ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
            _timer = new Timer(_ => Report(), null, period, period);
        }

        private string Line()
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            return $"sent {_progress.Sent:N0} of ~{_total:N0} {Words.Noun(_total, "recipient")}, {_progress.Sent / seconds:N0}/s, {_progress.Failed:N0} failed, {_progress.Requests:N0} {Words.Noun(_progress.Requests, "request")}";
        }

        private void Report()
        {
            if (_live)
            {
                Console.Write("\r" + Line().PadRight(79));
            }
            else
            {
                Console.WriteLine("progress:   " + Line());
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            if (_live)
            {
                Console.WriteLine("\r" + Line().PadRight(79));
            }
        }
    }

    /// <summary>The state as composition leaves it, in the labels the dispatch's <c>state:</c> line uses.</summary>
    private static string ComposedState(Edition edition) => EditionStates.Label(
        edition.Status == EditionStatus.Empty ? EditionState.Empty
        : edition.Approval == EditionApproval.Skipped ? EditionState.Skipped
        : !EditionDispatcher.HasContent(edition) ? EditionState.NothingToSend
        : edition.Approval == EditionApproval.Held ? EditionState.Held
        : EditionState.Composed);

    private static void Print(ComposeOutcome outcome, TimeSpan duration)
    {
        var edition = outcome.Edition;
        Console.WriteLine($"edition:    {edition.Id}{(outcome.Created ? string.Empty : " (composed earlier; shown as it is)")}");
        Console.WriteLine($"state:      {ComposedState(edition)}{(edition.Reason is null ? string.Empty : $": {edition.Reason}")}");
        Console.WriteLine($"window:     {edition.WindowStart:u} .. {edition.Cutoff:u}");
        Console.WriteLine($"updates:    {edition.Items.Count}");
        Console.WriteLine($"variants:   {edition.Variants.Count(v => !v.Skipped)} rendered, {edition.Variants.Count(v => v.Skipped)} with nothing to send");
        Console.WriteLine($"recipients: {edition.Variants.Where(v => !v.Skipped).Sum(v => v.Readers)}");
        foreach (var variant in edition.Variants)
        {
            var topics = variant.Topics.Count == 0 ? "all topics" : string.Join(", ", variant.Topics);
            Console.WriteLine($"  {variant.Key,-14} {topics,-30} {variant.Readers,6} {Words.Noun(variant.Readers, "reader"),-7}  {variant.UpdateIds.Count,3} {Words.Noun(variant.UpdateIds.Count, "update"),-7}  {variant.Subject}");
        }

        Console.WriteLine($"duration:   {duration.TotalMilliseconds:N0} ms");
    }
}
