using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions.Transfer;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>Queue <c>reader-imports</c>: runs a readers import the console queued; a failed run is retried and finishes what it began.</summary>
public sealed class ImportReaders(ReaderImportService imports)
{
    [Function(nameof(ImportReaders))]
    public Task Run([QueueTrigger(StorageNames.Queues.ReaderImports, Connection = StorageNames.Connection)] ReaderImportJob job, CancellationToken cancellationToken) =>
        imports.RunAsync(job.Id, cancellationToken);
}
