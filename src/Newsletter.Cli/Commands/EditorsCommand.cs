using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;

namespace Newsletter.Cli.Commands;

/// <summary><c>newsletter editors add|list|remove</c>: who may sign in to the editor console.</summary>
internal static class EditorsCommand
{
    public static Command Create()
    {
        var storage = PeopleCommands.StorageOption();
        var dataDir = PeopleCommands.DataDirOption();

        var addEmail = new Argument<string>("email") { Description = "The editor's e-mail address; sign-in links go there" };
        var admin = new Option<bool>("--admin") { Description = "Also an administrator (members, readers' export and import)" };
        var add = new Command("add", "Add an editor, or change an editor's --admin flag") { addEmail, admin };
        add.SetAction((parse, ct) => PeopleCommands.RunAsync("editors", parse, storage, dataDir, async (people, opened) =>
        {
            var editor = await people.AddEditorAsync(parse.GetValue(addEmail)!, parse.GetValue(admin), ct);
            Console.WriteLine($"{editor.Address} is an {(editor.IsAdmin ? "admin" : "editor")}: they sign in at {PeopleCommands.SignInAddress(opened)} with that address.");
        }, ct));

        var list = new Command("list", "List editors and admins");
        list.SetAction((parse, ct) => PeopleCommands.RunAsync("editors", parse, storage, dataDir, async (people, _) =>
        {
            var editors = await people.ListEditorsAsync(ct);
            if (editors.Count == 0)
            {
                Console.WriteLine("No editors yet. Add one with: newsletter editors add <email> [--admin]");
            }

            foreach (var editor in editors)
            {
                Console.WriteLine($"{editor.Address}\t{(editor.IsAdmin ? "admin" : "editor")}\tadded {editor.AddedAt:yyyy-MM-dd}");
            }
        }, ct));

        var removeEmail = new Argument<string>("email") { Description = "The editor's e-mail address" };
        var remove = new Command("remove", "Remove an editor; their sessions end at once") { removeEmail };
        remove.SetAction((parse, ct) => PeopleCommands.RunAsync("editors", parse, storage, dataDir, async (people, _) =>
        {
            var email = parse.GetValue(removeEmail)!;
            if (!await people.RemoveEditorAsync(email, ct))
            {
                throw new ArgumentException($"{email} is not an editor.");
            }

            Console.WriteLine($"{email} is no longer an editor.");
        }, ct));

        return new Command("editors", "Manage the editors and admins who sign in to the console") { storage, dataDir, add, list, remove };
    }
}

/// <summary>What the people commands share: their storage options and how they run.</summary>
internal static class PeopleCommands
{
    public static Option<string?> StorageOption() =>
        new("--storage") { Description = "Storage connection string (default: NewsletterStorage, a running serve, or the local data)", Recursive = true };

    public static Option<string?> DataDirOption() =>
        new("--data-dir") { Description = "Local data folder (default: .data in the project folder)", Recursive = true };

    /// <summary>Member contacts: <c>members add-contact</c> and <c>members remove-contact</c>.</summary>
    public static IEnumerable<Command> ContactCommands(Option<string?> storage, Option<string?> dataDir)
    {
        var addId = new Argument<string>("memberId") { Description = "Member id, as 'members list' shows it" };
        var addEmail = new Argument<string>("email") { Description = "The contact's e-mail address; sign-in links go there" };
        var admin = new Option<bool>("--admin") { Description = "The member's own administrator (manages its contacts and keys)" };
        var add = new Command("add-contact", "Let a person sign in to the member portal for this member") { addId, addEmail, admin };
        add.SetAction((parse, ct) => RunAsync("members", parse, storage, dataDir, async (people, opened) =>
        {
            var contact = await people.AddContactAsync(parse.GetValue(addId)!, parse.GetValue(addEmail)!, parse.GetValue(admin), ct);
            Console.WriteLine($"{contact.Address} is a contact of '{contact.MemberId}'{(contact.IsAdmin ? " (admin)" : string.Empty)}: they sign in at {SignInAddress(opened)} with that address.");
        }, ct));

        var removeId = new Argument<string>("memberId") { Description = "Member id" };
        var removeEmail = new Argument<string>("email") { Description = "The contact's e-mail address" };
        var remove = new Command("remove-contact", "Remove a member's contact; their sessions end at once") { removeId, removeEmail };
        remove.SetAction((parse, ct) => RunAsync("members", parse, storage, dataDir, async (people, _) =>
        {
            var (memberId, email) = (parse.GetValue(removeId)!, parse.GetValue(removeEmail)!);
            if (!await people.RemoveContactAsync(memberId, email, ct))
            {
                throw new ArgumentException($"{email} is not a contact of '{memberId}'.");
            }

            Console.WriteLine($"{email} is no longer a contact of '{memberId}'.");
        }, ct));

        var listId = new Argument<string>("memberId") { Description = "Member id" };
        var list = new Command("contacts", "List a member's contacts") { listId };
        list.SetAction((parse, ct) => RunAsync("members", parse, storage, dataDir, async (people, _) =>
        {
            var contacts = await people.ListContactsAsync(parse.GetValue(listId)!, ct);
            if (contacts.Count == 0)
            {
                Console.WriteLine($"'{parse.GetValue(listId)}' has no contacts. Add one with: newsletter members add-contact <memberId> <email> [--admin]");
            }

            foreach (var contact in contacts)
            {
                Console.WriteLine($"{contact.Address}\t{(contact.IsAdmin ? "admin" : "contact")}\tadded {contact.AddedAt:yyyy-MM-dd}");
            }
        }, ct));

        return [add, remove, list];
    }

    /// <summary>The sign-in page's full address when the public address is known (App:BaseUrl or a running serve), else its path.</summary>
    public static string SignInAddress(CliStorage opened) =>
        opened.PublicAddress is { Length: > 0 } address ? address.TrimEnd('/') + "/signin" : "/signin";

    public static async Task<int> RunAsync(string command, ParseResult parse, Option<string?> storage, Option<string?> dataDir,
        Func<PeopleService, CliStorage, Task> action, CancellationToken cancellationToken)
    {
        var folder = parse.GetValue(dataDir) is { } d ? Path.GetFullPath(d) : LocalPaths.DefaultDataDirectory();
        try
        {
            await using var opened = await CliStorage.OpenAsync(parse.GetValue(storage), folder, cancellationToken);
            await action(opened.Services.GetRequiredService<PeopleService>(), opened);
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"newsletter {command}: {ex.Message}");
            return 1;
        }
    }
}
