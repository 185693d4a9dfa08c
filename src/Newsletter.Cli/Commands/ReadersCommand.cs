using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Subscriptions.Transfer;
using ShellProgressBar;
using Newsletter.Web.Shared;

namespace Newsletter.Cli.Commands;

/// <summary>
/// <c>newsletter readers import &lt;file.csv&gt;</c> and <c>readers export &lt;file.csv&gt;</c>: the administrators' CSV
/// transfer of readers, the same Core services the console's readers page runs. Import exit codes: 0 imported,
/// 2 the file has problems (listed with their lines; nothing written), 1 a usage error.
/// </summary>
internal static class ReadersCommand
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static Command Create()
    {
        var storage = PeopleCommands.StorageOption();
        var dataDir = PeopleCommands.DataDirOption();
        var actor = new Option<string>("--actor") { Description = "Who does it, recorded in the audit log", DefaultValueFactory = _ => $"cli:{Environment.UserName}", Recursive = true };

        var importFile = new Argument<string>("file") { Description = "A CSV file with a header row: email, and optionally name, topics, frequency, paused, consented_at, consent_source, privacy_notice_version" };
        var import = new Command("import", "Import readers: rows with consent evidence (consented_at and consent_source) active, the others pending with a confirmation mail") { importFile };
        import.SetAction((parse, ct) => RunAsync(parse, storage, dataDir, async opened =>
        {
            var path = Path.GetFullPath(parse.GetValue(importFile)!);
            if (!File.Exists(path))
            {
                throw new ArgumentException($"there is no file '{path}'.");
            }

            if (new FileInfo(path).Length > ReaderCsv.MaxFileBytes)
            {
                throw new ArgumentException($"'{path}' is larger than {ReaderCsv.MaxFileBytes / 1024 / 1024} MiB; split it into smaller files.");
            }

            var service = opened.Services.GetRequiredService<ReaderCsvImport>();
            var file = service.Check(await File.ReadAllBytesAsync(path, ct));
            if (!file.IsValid)
            {
                await Console.Error.WriteLineAsync($"newsletter readers import: nothing was imported: {path} has {file.ProblemCount} problem(s):");
                foreach (var problem in file.Problems)
                {
                    await Console.Error.WriteLineAsync($"  {problem}");
                }

                if (file.ProblemCount > file.Problems.Count)
                {
                    await Console.Error.WriteLineAsync($"  ... and {file.ProblemCount - file.Problems.Count} more");
                }

                return 2;
            }

            var report = await WithProgressAsync(file.Rows.Count, $"Importing {Words.Count(file.Rows.Count, "reader")}",
                progress => service.ImportAsync(file, parse.GetValue(actor)!, progress, ct));
            Console.WriteLine($"{Words.Count(file.Rows.Count, "row")}: {report}.");
            if (report.Counts.GetValueOrDefault(ImportOutcome.ImportedPending) + report.Counts.GetValueOrDefault(ImportOutcome.ConfirmationQueued) > 0)
            {
                Console.WriteLine("Confirmation mails are sent by the running 'newsletter serve' (or the Functions app) from the mail queue.");
            }
            return 0;
        }, ct));

        var exportFile = new Argument<string>("file") { Description = "Where to write the CSV file of active readers and their consent records" };
        var export = new Command("export", "Export the active readers with their consent records as CSV (recorded in the audit log)") { exportFile };
        export.SetAction((parse, ct) => RunAsync(parse, storage, dataDir, async opened =>
        {
            var path = Path.GetFullPath(parse.GetValue(exportFile)!);
            await using var output = CreatePrivate(path);
            var count = await WithProgressAsync(64, "Exporting readers, bucket by bucket",
                progress => opened.Services.GetRequiredService<ReaderCsvExport>().WriteAsync(output, parse.GetValue(actor)!, progress, ct));
            Console.WriteLine($"{count} active readers written to {path}.");
            return 0;
        }, ct));

        return new Command("readers", "Import or export readers as CSV (administrators)") { storage, dataDir, actor, import, export };
    }

    /// <summary>
    /// The export's file, readable by its owner only (it holds personal data), whether it is new or written over; on
    /// Windows the folder's permissions apply.
    /// </summary>
    private static FileStream CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Create(path);
        }

        var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
        return stream;
    }

    private static async Task<T> WithProgressAsync<T>(int total, string message, Func<IProgress<int>?, Task<T>> run)
    {
        if (Console.IsOutputRedirected)
        {
            return await run(null);
        }

        using var bar = new ProgressBar(total, message, new ProgressBarOptions { ProgressCharacter = '─', CollapseWhenFinished = true, DisplayTimeInRealTime = false });
        return await run(new Progress<int>(done => bar.Tick(done)));
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<string?> storage, Option<string?> dataDir, Func<CliStorage, Task<int>> action, CancellationToken ct)
    {
        var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
        try
        {
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            return await action(opened);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"newsletter readers: {CliErrors.Plain(ex)}");
            return 1;
        }
    }
}
