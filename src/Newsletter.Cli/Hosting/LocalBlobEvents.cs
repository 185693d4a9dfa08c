using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Releases;
using Newsletter.Functions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Cli.Hosting;

/// <summary>
/// The local host's Event Grid: an upload the app stores in the incoming container is handed to
/// <see cref="IngestRelease"/> at once, as the BlobCreated event is in Azure, instead of waiting for the blob
/// trigger's polling sweep. The sweep stays: it ingests what anyone else wrote there and whatever could not be
/// delivered (a full queue, a failed call, a stop). Both pass <see cref="OneAtATimeAsync"/>, so one upload is never
/// ingested twice at the same moment; ingestion itself finds an upload it already handled gone.
/// </summary>
public sealed partial class LocalBlobEvents(IServiceScopeFactory scopes, StorageClients storage, ILogger<LocalBlobEvents> logger) : BackgroundService
{
    /// <summary>Uploads ingested at the same time; storage calls dominate, so more than the cores.</summary>
    public static readonly int Concurrency = Math.Max(4, Environment.ProcessorCount * 4);

    private readonly Channel<string> _created = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>A blob was created at <c>incoming/{name}</c>.</summary>
    public void Created(string name)
    {
        if (!_created.Writer.TryWrite(name))
        {
            LogLeftToSweep(name, "the event queue is full");
        }
    }

    /// <summary>Runs <paramref name="ingest"/> for the blob once any ingestion of the same blob under way has finished.</summary>
    public async Task OneAtATimeAsync(string name, Func<Task> ingest)
    {
        Task mine;
        lock (_gate)
        {
            var before = _running.GetValueOrDefault(name) ?? Task.CompletedTask;
            mine = AfterAsync(before, ingest);
            _running[name] = mine;
        }

        try
        {
            await mine;
        }
        finally
        {
            lock (_gate)
            {
                if (_running.TryGetValue(name, out var last) && last == mine)
                {
                    _running.Remove(name);
                }
            }
        }
    }

    private static async Task AfterAsync(Task before, Func<Task> next)
    {
        try
        {
            await before;
        }
#pragma warning disable CA1031 // The earlier attempt's failure is its caller's; this one runs regardless.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await next();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Concurrency).Select(_ => DeliverAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var name in _created.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await OneAtATimeAsync(name, async () =>
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var blob = storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).GetBlobClient(name);
                        await scope.ServiceProvider.GetRequiredService<IngestRelease>().Run(blob, name, stoppingToken);
                    });
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A failed delivery loses nothing: the upload stays in incoming for the sweep.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogLeftToSweep(name, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Name} is left to the blob trigger's sweep: {Reason}")]
    private partial void LogLeftToSweep(string name, string reason);
}

/// <summary>The app's upload areas, raising <see cref="LocalBlobEvents.Created"/> for every upload stored in the incoming container.</summary>
internal sealed class EventedReleaseFiles(IReleaseFiles inner, LocalBlobEvents events) : IReleaseFiles
{
    public async Task SaveIncomingAsync(string memberId, string fileName, Stream content, string? contentType, string releaseId, DateTimeOffset? embargo, CancellationToken cancellationToken)
    {
        await inner.SaveIncomingAsync(memberId, fileName, content, contentType, releaseId, embargo, cancellationToken);
        events.Created(memberId.Length == 0 ? fileName : $"{memberId}/{fileName}");
    }

    public Task<IncomingFile?> OpenIncomingAsync(string memberId, string fileName, CancellationToken cancellationToken) =>
        inner.OpenIncomingAsync(memberId, fileName, cancellationToken);

    public Task<bool> IncomingExistsAsync(string memberId, string fileName, CancellationToken cancellationToken) =>
        inner.IncomingExistsAsync(memberId, fileName, cancellationToken);

    public Task ArchiveAsync(string memberId, string fileName, string releaseId, CancellationToken cancellationToken) =>
        inner.ArchiveAsync(memberId, fileName, releaseId, cancellationToken);

    public Task QuarantineAsync(string memberId, string fileName, ReleaseRecord record, CancellationToken cancellationToken) =>
        inner.QuarantineAsync(memberId, fileName, record, cancellationToken);

    public Task KeepUnsafeAsync(ReleaseRecord record, string originalPath, CancellationToken cancellationToken) =>
        inner.KeepUnsafeAsync(record, originalPath, cancellationToken);
}
