using System.CommandLine;
using Newsletter.Cli.Hosting;

namespace Newsletter.Cli.Commands;

/// <summary><c>newsletter demo</c>: seed the demo member and sample release into a running (or the local) system.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: a running serve, or the local data)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Local data folder (default: .data in the project folder)" };
        var command = new Command("demo", "Seed a demo member and upload the sample release (run 'newsletter serve' to see it ingested)") { storage, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, ct);
            Console.WriteLine($"Using {opened.Description}.");
            Console.WriteLine(await DemoSeeder.SeedAsync(opened.Services, ct));
            return 0;
        });
        return command;
    }
}
