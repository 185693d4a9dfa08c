using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Releases;
using ShellProgressBar;

namespace Newsletter.Cli.Commands;

/// <summary>
/// <c>newsletter import &lt;folder|zip&gt; --member &lt;id&gt;</c>: a member's archive of past releases becomes
/// published updates, each dated by its own date, without review and never sent in an edition. A second run
/// skips what is already in; the files that cannot be used are listed with their reason in a CSV.
/// Exit 0 when every file is in, 2 when some were listed as bad, 1 on a usage error.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A folder (searched with its subfolders) or a .zip of release files" };
        var member = new Option<string>("--member") { Description = "The member whose archive this is", Required = true };
        var failures = new Option<string>("--failures") { Description = "Where to write the CSV of files not imported", DefaultValueFactory = _ => "import-failures.csv" };
        var actor = new Option<string>("--actor") { Description = "Who imports, recorded in each update's history", DefaultValueFactory = _ => $"import by {Environment.UserName}" };
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: NewsletterStorage, a running serve, or the local data)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Local data folder (default: .data in the project folder)" };
        var command = new Command("import", "Import a member's archive of published releases (not sent as news)") { source, member, failures, actor, storage, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(source)!);
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"newsletter import: there is no folder or file '{path}'.");
                return 1;
            }

            var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            var import = opened.Services.GetRequiredService<ReleaseImport>();
            var maxBytes = opened.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxUploadBytes;
            using var archive = ArchiveFiles.Open(path, maxBytes);
            ImportReport report;
            try
            {
                report = await RunAsync(import, parse.GetValue(member)!, archive, parse.GetValue(actor)!, ct);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"newsletter import: {CliErrors.Plain(ex)}");
                return 1;
            }

            var rejected = report.RejectedEarlier > 0 ? $", {report.RejectedEarlier} rejected earlier by an editor (left unpublished)" : string.Empty;
            Console.WriteLine($"{report.Imported} imported, {report.AlreadyIn} already in{rejected}, {report.Failures.Count} not imported ({report.Total} files).");
            if (report.Failures.Count == 0)
            {
                return 0;
            }

            var csvPath = Path.GetFullPath(parse.GetValue(failures)!);
            await using (var writer = new StreamWriter(csvPath))
            await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                await csv.WriteRecordsAsync(report.Failures, ct);
            }

            Console.WriteLine($"The files not imported and why: {csvPath}");
            return 2;
        });
        return command;
    }

    private static async Task<ImportReport> RunAsync(ReleaseImport import, string member, ArchiveFiles archive, string actor, CancellationToken ct)
    {
        if (Console.IsOutputRedirected)
        {
            return await import.ImportAsync(member, archive.Files, actor, null, ct);
        }

        using var bar = new ProgressBar(archive.Files.Count, $"Importing {archive.Files.Count} files for {member}",
            new ProgressBarOptions { ProgressCharacter = '─', CollapseWhenFinished = true, DisplayTimeInRealTime = false });
        return await import.ImportAsync(member, archive.Files, actor, new Progress<int>(done => bar.Tick(done)), ct);
    }

    /// <summary>The release files of a folder or a zip archive; a zip is read one entry at a time, each at most the upload limit.</summary>
    private sealed class ArchiveFiles : IDisposable
    {
        private readonly ZipArchive? _zip;
        private readonly SemaphoreSlim _zipLock = new(1, 1);

        private ArchiveFiles(ZipArchive? zip, IReadOnlyList<ImportFile> files)
        {
            _zip = zip;
            Files = files;
        }

        public IReadOnlyList<ImportFile> Files { get; private set; }

        public static ArchiveFiles Open(string path, long maxBytes)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal)
                    .Select(f => new ImportFile(Path.GetRelativePath(path, f), async ct =>
                    {
                        await using var stream = File.OpenRead(f);
                        return await LimitedReader.ReadAsync(stream, maxBytes, ct);
                    }))
                    .ToList();
                return new ArchiveFiles(null, files);
            }

            var zip = ZipFile.OpenRead(path);
            var archive = new ArchiveFiles(zip, []);
            archive.Files = zip.Entries.Where(e => !e.FullName.EndsWith('/') && !Path.GetFileName(e.FullName).StartsWith('.'))
                .Select(e => new ImportFile(e.FullName, ct => archive.ReadEntryAsync(e, maxBytes, ct)))
                .ToList();
            return archive;
        }

        public void Dispose()
        {
            _zip?.Dispose();
            _zipLock.Dispose();
        }

        private async Task<byte[]?> ReadEntryAsync(ZipArchiveEntry entry, long maxBytes, CancellationToken ct)
        {
            // Entries share the archive's stream: one at a time. The declared size may lie; the read is limited anyway.
            await _zipLock.WaitAsync(ct);
            try
            {
                if (entry.Length > maxBytes)
                {
                    return null;
                }

                await using var stream = entry.Open();
                return await LimitedReader.ReadAsync(stream, maxBytes, ct);
            }
            finally
            {
                _zipLock.Release();
            }
        }
    }
}
