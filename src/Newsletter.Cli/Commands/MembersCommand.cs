using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Members;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Cli.Commands;

/// <summary><c>newsletter members add|list|new-key|revoke-key</c>: who may upload releases.</summary>
internal static class MembersCommand
{
    public static Command Create()
    {
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: NewsletterStorage, a running serve, or the local data)", Recursive = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Local data folder (default: .data in the project folder)", Recursive = true };

        var id = new Argument<string>("id") { Description = "Member id: lower-case letters, digits and dashes, e.g. ucl" };
        var name = new Option<string>("--name") { Description = "Display name, e.g. \"University College London\"", Required = true };
        var autoPublish = new Option<bool>("--auto-publish") { Description = "Publish this member's updates without review" };
        var topics = new Option<string?>("--topics") { Description = "Comma-separated topics the member may use (default: any)" };
        var add = new Command("add", "Add a member and print its first API key (shown once)") { id, name, autoPublish, topics };
        add.SetAction((parse, ct) => RunAsync(parse, storage, dataDir, async (members, _, services) =>
        {
            var chosen = KnownTopics(services, (parse.GetValue(topics) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            var (member, key) = await members.AddAsync(parse.GetValue(id)!, parse.GetValue(name)!, chosen, parse.GetValue(autoPublish), ct);
            Console.WriteLine($"Added member '{member.Id}' ({member.DisplayName}){(member.AutoPublish ? ", auto-publish" : string.Empty)}.");
            Console.WriteLine($"API key (shown once, keep it safe): {key}");
        }, ct));

        var list = new Command("list", "List members and their keys");
        list.SetAction((parse, ct) => RunAsync(parse, storage, dataDir, async (_, store, _) =>
        {
            var all = await store.ListAsync(ct);
            if (all.Count == 0)
            {
                Console.WriteLine("No members yet. Add one with: newsletter members add <id> --name \"...\"");
            }

            foreach (var member in all.OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                Console.WriteLine($"{member.Id}\t{member.DisplayName}\t{(member.AutoPublish ? "auto-publish" : "review")}\t" +
                                  $"topics: {(member.AllowedTopics.Count == 0 ? "any" : string.Join(',', member.AllowedTopics))}");
                foreach (var key in member.Keys)
                {
                    Console.WriteLine($"    key {key.KeyId}\tcreated {key.CreatedAt:yyyy-MM-dd}\t{(key.Active ? "active" : $"revoked {key.RevokedAt:yyyy-MM-dd}")}");
                }
            }
        }, ct));

        var newKeyId = new Argument<string>("id") { Description = "Member id" };
        var newKey = new Command("new-key", "Issue another API key for a member (shown once)") { newKeyId };
        newKey.SetAction((parse, ct) => RunAsync(parse, storage, dataDir, async (members, _, _) =>
            Console.WriteLine($"API key (shown once, keep it safe): {await members.IssueKeyAsync(parse.GetValue(newKeyId)!, ct)}"), ct));

        var revokeId = new Argument<string>("id") { Description = "Member id" };
        var keyId = new Argument<string>("key-id") { Description = "The key id, as 'members list' shows it" };
        var revoke = new Command("revoke-key", "Revoke one of a member's API keys") { revokeId, keyId };
        revoke.SetAction((parse, ct) => RunAsync(parse, storage, dataDir, async (members, _, _) =>
        {
            await members.RevokeKeyAsync(parse.GetValue(revokeId)!, parse.GetValue(keyId)!, ct);
            Console.WriteLine($"Revoked key {parse.GetValue(keyId)} of '{parse.GetValue(revokeId)}'.");
        }, ct));

        var command = new Command("members", "Manage the member organisations that upload releases") { storage, dataDir, add, list, newKey, revoke };
        foreach (var contacts in PeopleCommands.ContactCommands(storage, dataDir))
        {
            command.Subcommands.Add(contacts);
        }

        return command;
    }

    /// <summary>
    /// A member's topics must be ones readers can choose (<c>Subscriptions:Topics</c>), or no reader would ever
    /// get its updates by topic; each is written as configured.
    /// </summary>
    private static string[] KnownTopics(IServiceProvider services, string[] requested)
    {
        var allowed = services.GetRequiredService<IOptions<SubscriptionOptions>>().Value.TopicList;
        var unknown = requested.Where(t => !allowed.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"unknown topic{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown.Select(t => $"'{t}'"))}: " +
                                        $"readers choose from Subscriptions:Topics ({string.Join(",", allowed)}).");
        }

        return requested.Select(t => allowed.First(a => string.Equals(a, t, StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<string?> storage, Option<string?> dataDir,
        Func<MemberService, IMemberStore, IServiceProvider, Task> action, CancellationToken cancellationToken)
    {
        var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
        try
        {
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, cancellationToken);
            await action(opened.Services.GetRequiredService<MemberService>(), opened.Services.GetRequiredService<IMemberStore>(), opened.Services);
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"newsletter members: {CliErrors.Plain(ex)}");
            return 1;
        }
    }
}
