using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Newsletter.Cli.Hosting;
using Newsletter.LocalHosting;

namespace Newsletter.Cli.Commands;

/// <summary><c>newsletter serve</c>: the whole system on this machine.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1", DefaultValueFactory = _ => 7071 };
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: the setting NewsletterStorage, else a private Azurite)" };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep nothing between runs (the private Azurite runs in memory)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for local data (default: NEWSLETTER_DATA, else .data in the project folder)" };
        var demo = new Option<bool>("--demo") { Description = "Seed a demo member and upload the sample release" };

        var command = new Command("serve", "Run the Functions app locally: HTTP, blob, queue and timer triggers on Azurite.")
        {
            port, storage, inMemory, dataDir, demo,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServeOptions
            {
                Port = parse.GetValue(port),
                Storage = parse.GetValue(storage),
                InMemory = parse.GetValue(inMemory),
                DataDirectory = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory(),
            };
            return await RunAsync(options, parse.GetValue(demo), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeOptions options, bool demo, CancellationToken cancellationToken)
    {
        LocalHost host;
        try
        {
            host = await LocalHost.StartAsync(options, cancellationToken);
        }
        catch (PortInUseException ex)
        {
            await Console.Error.WriteLineAsync($"newsletter serve: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is AzuriteStartException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"newsletter serve: {ex.Message}");
            return 1;
        }

        await using (host)
        {
            Console.WriteLine($"NewsletterFunctions is running at {host.BaseAddress}");
            Console.WriteLine(host.AzuriteProcessId is { } pid
                ? $"  storage: private Azurite (pid {pid}), {(options.InMemory ? "in memory" : $"data in {Path.Combine(options.DataDirectory, "azurite")}")}"
                : "  storage: as configured (NewsletterStorage)");
            Console.WriteLine($"  health:  {host.BaseAddress}api/health");
            Console.WriteLine($"  admin key (x-functions-key header): {host.AdminKey}");
            Console.WriteLine($"  review:  curl -H 'x-functions-key: {host.AdminKey}' {host.BaseAddress}api/manage/updates");
            Console.WriteLine($"  signup:  {host.BaseAddress}subscribe");
            Console.WriteLine($"  sign in: {host.BaseAddress}signin (editors then reach {host.BaseAddress}console, member contacts {host.BaseAddress}portal)");
            Console.WriteLine(host.Outbox is { } outbox
                ? $"  outbox:  {outbox} (mail is written here as .eml files)"
                : $"  mail:    through {host.MailDestination}");
            foreach (var placeholder in host.PlaceholderSettings())
            {
                await Console.Error.WriteLineAsync($"warning: {placeholder}");
            }

            // Not when in memory: its signing keys live only in this process, so links a command signed would not verify here.
            if (!options.InMemory)
            {
                CliStorage.AnnounceServe(options.DataDirectory, host.StorageConnectionString, host.App.Configuration["App:BaseUrl"] ?? host.BaseAddress.ToString());
            }
            else
            {
                CliStorage.AnnounceInMemoryServe(options.DataDirectory, host.BaseAddress.ToString());
            }

            if (demo)
            {
                Console.WriteLine(await DemoSeeder.SeedAsync(host.Services, cancellationToken));
            }

            Console.WriteLine("Press Ctrl+C to stop.");

            try
            {
                await host.App.WaitForShutdownAsync(cancellationToken);
            }
            finally
            {
                Console.WriteLine("Stopping...");
                CliStorage.RetractServe(options.DataDirectory, options.InMemory);
            }
        }

        return 0;
    }
}
