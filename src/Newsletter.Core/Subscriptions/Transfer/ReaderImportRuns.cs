using System.Security.Cryptography;

namespace Newsletter.Core.Subscriptions.Transfer;

/// <summary>Where a console import stands.</summary>
public enum ImportRunState
{
    Queued,
    Running,
    Done,
}

/// <summary>A console import: who started it, how far it got, and its counts once done. <see cref="Attempts"/> counts the runs (a rerun after a failure continues it).</summary>
public sealed record ReaderImportRun(
    string Id,
    string Actor,
    string FileName,
    int Rows,
    DateTimeOffset StartedAt,
    ImportRunState State,
    int Done,
    int Attempts,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<ImportOutcome, int>? Counts = null,
    string? LastError = null);

/// <summary>The queue message that runs a console import.</summary>
public sealed record ReaderImportJob(string Id);

/// <summary>Port: the files and states of console imports, and the queue that runs them (one <see cref="ReaderImportJob"/> each).</summary>
public interface IReaderImportRuns
{
    /// <summary>Keeps the file and the run, then queues the run.</summary>
    Task StartAsync(ReaderImportRun run, ReadOnlyMemory<byte> file, CancellationToken cancellationToken);

    Task<ReadOnlyMemory<byte>?> FileAsync(string id, CancellationToken cancellationToken);

    Task<ReaderImportRun?> GetAsync(string id, CancellationToken cancellationToken);

    Task SaveAsync(ReaderImportRun run, CancellationToken cancellationToken);
}

/// <summary>What starting a console import came to: the run, or the file's problems (nothing stored).</summary>
public sealed record ImportStart(ReaderImportRun? Run, ReaderCsvFile File);

/// <summary>
/// The console's imports, run off the request: the page checks the whole file at once (its problems are shown and nothing is
/// kept), then the file is kept and a queue message runs <see cref="ReaderCsvImport"/>, writing how many rows are done every
/// couple of seconds for the status page. A run that fails is retried by the queue and, the import being idempotent, finishes
/// what the failed one began.
/// </summary>
public sealed class ReaderImportService(ReaderCsvImport import, IReaderImportRuns runs, TimeProvider time)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    public async Task<ImportStart> StartAsync(ReadOnlyMemory<byte> content, string fileName, string actor, CancellationToken cancellationToken)
    {
        var file = import.Check(content.Span);
        if (!file.IsValid)
        {
            return new ImportStart(null, file);
        }

        var now = time.GetUtcNow();
        var id = now.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-"
            + Convert.ToHexStringLower(SHA256.HashData(content.Span))[..8];
        var run = new ReaderImportRun(id, actor, fileName, file.Rows.Count, now, ImportRunState.Queued, 0, 0, now);
        await runs.StartAsync(run, content, cancellationToken);
        return new ImportStart(run, file);
    }

    public Task<ReaderImportRun?> GetAsync(string id, CancellationToken cancellationToken) => runs.GetAsync(id, cancellationToken);

    /// <summary>Runs (or reruns) a queued import; a finished one is left as it is.</summary>
    public async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(id, cancellationToken) is not { State: not ImportRunState.Done } run
            || await runs.FileAsync(id, cancellationToken) is not { } content)
        {
            return;
        }

        run = run with { State = ImportRunState.Running, Attempts = run.Attempts + 1, UpdatedAt = time.GetUtcNow() };
        await runs.SaveAsync(run, cancellationToken);
        var file = import.Check(content.Span);
        var gate = new Lock();
        var last = time.GetUtcNow();
        var writing = Task.CompletedTask;
        var progress = new Reported(done =>
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                // At most one progress write at a time, every couple of seconds; the counts come from many buckets at once.
                if (now - last < ProgressEvery || !writing.IsCompleted)
                {
                    return;
                }

                last = now;
                writing = runs.SaveAsync(run with { Done = done, UpdatedAt = now }, CancellationToken.None);
            }
        });
        try
        {
            var report = await import.ImportAsync(file, run.Actor, progress, cancellationToken);
            await writing;
            await runs.SaveAsync(run with { State = ImportRunState.Done, Done = file.Rows.Count, Counts = report.Counts, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await writing;
            await runs.SaveAsync(run with { LastError = ex.Message, UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Reported on the thread that reports, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class Reported(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
