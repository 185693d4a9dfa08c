using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Newsletter.Core.Members;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Releases;

/// <summary>One file of a member's archive: its name (the format comes from it) and a way to read it (null: over the size limit).</summary>
public sealed record ImportFile(string Name, Func<CancellationToken, Task<byte[]?>> ReadAsync);

/// <summary>A file of the archive that was not imported, and why.</summary>
public sealed record ImportFailure(string File, string Code, string Message);

/// <summary>
/// What an import did: new updates, files already in, those already in because an editor had rejected them (so not
/// published: the import leaves an editor's decision alone), and the files it could not use.
/// </summary>
public sealed record ImportReport(int Imported, int AlreadyIn, IReadOnlyList<ImportFailure> Failures, int RejectedEarlier = 0)
{
    public int Total => Imported + AlreadyIn + RejectedEarlier + Failures.Count;
}

/// <summary>
/// Imports a member's archive of past releases: each becomes a published update dated by the release's own
/// date, without review (the import is recorded in its history as the operator's editorial action) and
/// marked <see cref="Update.Imported"/>, so no edition ever sends it as news. Safe to run again: an update's
/// id comes from its content, so a release already in is counted and left alone. A file that cannot be
/// used (rejected by the parser, no date of its own, too large) is reported, never half-imported.
/// </summary>
public sealed class ReleaseImport(IMemberStore members, IUpdateStore updates, IOptions<IngestionOptions> options, TimeProvider time)
{
    public const string Reason = "imported from the member's archive";
    public const string NoDate = "no-date";

    /// <summary>How many files are parsed and then stored together.</summary>
    public const int BatchSize = 100;

    public async Task<ImportReport> ImportAsync(string memberId, IEnumerable<ImportFile> files, string actor, IProgress<int>? progress,
        CancellationToken cancellationToken, int parallelism = 16)
    {
        var member = (MemberIds.IsValid(memberId) ? await members.GetAsync(memberId, cancellationToken) : null)
            ?? throw new ArgumentException($"There is no member '{memberId}'; add it first with 'newsletter members add'.", nameof(memberId));
        var context = UploadContext.For(member);
        var failures = new System.Collections.Concurrent.ConcurrentBag<ImportFailure>();
        int imported = 0, alreadyIn = 0, rejected = 0, done = 0;

        // Files are read and parsed in parallel, a batch at a time, and each batch is stored in one call, which a table
        // store turns into one transaction per 100 rows: storage, not parsing, is what bounds an import. Two batches are
        // in flight so that one is parsed while the other is stored.
        await Parallel.ForEachAsync(files.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var prepared = new (Update? Update, ImportFailure? Failure)[chunk.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, chunk.Length), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = token },
                async (i, fileToken) => prepared[i] = await PrepareAsync(member, context, chunk[i], actor, fileToken));

            var batch = prepared.Select(p => p.Update).OfType<Update>().ToList();
            var added = await updates.TryAddManyAsync(batch, token);
            var newOnes = added.Count(a => a is null);
            var rejectedOnes = added.Count(a => a == UpdateStatus.Rejected);
            Interlocked.Add(ref imported, newOnes);
            Interlocked.Add(ref rejected, rejectedOnes);
            Interlocked.Add(ref alreadyIn, batch.Count - newOnes - rejectedOnes);
            foreach (var failure in prepared.Select(p => p.Failure).OfType<ImportFailure>())
            {
                failures.Add(failure);
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                progress?.Report(Interlocked.Increment(ref done));
            }
        });

        return new ImportReport(imported, alreadyIn, failures.OrderBy(f => f.File, StringComparer.Ordinal).ToList(), rejected);
    }

    /// <summary>The update an archived file becomes, or why it cannot become one; nothing is stored yet.</summary>
    private async Task<(Update? Update, ImportFailure? Failure)> PrepareAsync(Member member, UploadContext context, ImportFile file, string actor, CancellationToken cancellationToken)
    {
        var content = await file.ReadAsync(cancellationToken);
        if (content is null || content.Length > options.Value.MaxUploadBytes)
        {
            return (null, new ImportFailure(file.Name, RejectionCodes.TooLarge, $"The file is larger than the limit of {options.Value.MaxUploadBytes:N0} bytes."));
        }

        using var budget = new CancellationTokenSource(options.Value.ParseBudget);
        var result = ReleaseParser.Parse(content, file.Name, null, context, budget.Token);
        if (result.Release is not { } parsed)
        {
            return (null, new ImportFailure(file.Name, result.Rejection!.Code, result.Rejection.Message));
        }

        if (parsed.Date is not { } date)
        {
            return (null, new ImportFailure(file.Name, NoDate, "No publication date was found in the release; an archived release keeps its own date, so it is not imported."));
        }

        // Published at the release's own date, and marked imported so no edition sends it as news.
        var update = Update.FromRelease(parsed, member, ReleaseIdFor(member.Id, file.Name), date, UpdateStatus.Published, actor, Reason, time.GetUtcNow()) with
        {
            Imported = true,
            PublishedAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        };
        return (update, null);
    }

    /// <summary>The release id of an archived file: the same on every run, so a second run finds what the first one added.</summary>
    public static string ReleaseIdFor(string memberId, string fileName) =>
        "i" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId}/{fileName}")))[..20];
}
