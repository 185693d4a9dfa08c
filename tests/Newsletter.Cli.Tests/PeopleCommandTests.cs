using Newsletter.Testing;
using static Newsletter.Cli.Tests.CommandTests;

namespace Newsletter.Cli.Tests;

/// <summary><c>newsletter editors</c> and the contact commands of <c>newsletter members</c>, run as an operator runs them.</summary>
[Collection(AzuriteCollection.Name)]
public class PeopleCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Editors_AddListRemove_WithCanonicalAddresses()
    {
        var storage = azurite.NewAccount();

        var (addExit, added, addErr) = await RunAsync("editors", "add", " Alice@Example.ORG", "--admin", "--storage", storage);
        Assert.True(addExit == 0, addErr);
        Assert.Contains("Alice@example.org is an admin", added, StringComparison.Ordinal);
        await RunAsync("editors", "add", "bob@example.org", "--storage", storage);

        var (_, listed, _) = await RunAsync("editors", "list", "--storage", storage);
        Assert.Contains("Alice@example.org\tadmin", listed, StringComparison.Ordinal);
        Assert.Contains("bob@example.org\teditor", listed, StringComparison.Ordinal);

        var (removeExit, _, _) = await RunAsync("editors", "remove", "ALICE@example.org", "--storage", storage);
        var (_, after, _) = await RunAsync("editors", "list", "--storage", storage);
        Assert.Equal(0, removeExit);
        Assert.DoesNotContain("Alice", after, StringComparison.Ordinal);

        var (badExit, _, badErr) = await RunAsync("editors", "add", "not-an-address", "--storage", storage);
        Assert.Equal(1, badExit);
        Assert.Contains("not an e-mail address", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_AddAndRemoveContacts_OfAKnownMemberOnly()
    {
        var storage = azurite.NewAccount();
        await RunAsync("members", "add", "kth", "--name", "KTH", "--storage", storage);

        var (unknownExit, _, unknownErr) = await RunAsync("members", "add-contact", "nope", "press@kth.se", "--storage", storage);
        var (addExit, added, addErr) = await RunAsync("members", "add-contact", "kth", "Press@KTH.se", "--admin", "--storage", storage);
        var (_, listed, _) = await RunAsync("members", "contacts", "kth", "--storage", storage);
        var (removeExit, _, _) = await RunAsync("members", "remove-contact", "kth", "press@kth.se", "--storage", storage);
        var (againExit, _, againErr) = await RunAsync("members", "remove-contact", "kth", "press@kth.se", "--storage", storage);

        Assert.Equal(1, unknownExit);
        Assert.Contains("There is no member 'nope'", unknownErr, StringComparison.Ordinal);
        Assert.True(addExit == 0, addErr);
        Assert.Contains("Press@kth.se is a contact of 'kth' (admin)", added, StringComparison.Ordinal);
        Assert.Contains("Press@kth.se\tadmin", listed, StringComparison.Ordinal);
        Assert.Equal(0, removeExit);
        Assert.Equal(1, againExit);
        Assert.Contains("is not a contact of 'kth'", againErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddingAPerson_PrintsTheFullSignInAddress_WhenThePublicAddressIsKnown()
    {
        var storage = azurite.NewAccount();
        await RunAsync("members", "add", "kth", "--name", "KTH", "--storage", storage);

        var (editorExit, editor, editorErr) = await RunAsync(PublicAddress, "editors", "add", "ed@example.org", "--storage", storage);
        var (contactExit, contact, contactErr) = await RunAsync(PublicAddress, "members", "add-contact", "kth", "press@kth.se", "--storage", storage);
        var (_, unknown, _) = await RunAsync("editors", "add", "other@example.org", "--storage", storage);

        Assert.True(editorExit == 0, editorErr);
        Assert.True(contactExit == 0, contactErr);
        Assert.Contains("they sign in at https://news.example.org/signin with that address", editor, StringComparison.Ordinal);
        Assert.Contains("they sign in at https://news.example.org/signin with that address", contact, StringComparison.Ordinal);
        Assert.Contains("they sign in at /signin with that address", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadersImport_SpeaksOfConfirmationMails_OnlyWhenItQueuedSome()
    {
        var storage = azurite.NewAccount();
        var file = Path.Combine(Directory.CreateTempSubdirectory("readers-import-").FullName, "readers.csv");
        try
        {
            await File.WriteAllTextAsync(file, "email,consented_at,consent_source\nfair@example.org,2025-03-14,Spring fair sign-up sheet\nnew@example.org,,\n");

            var (firstExit, first, firstErr) = await RunAsync("readers", "import", file, "--storage", storage);
            var (againExit, again, againErr) = await RunAsync("readers", "import", file, "--storage", storage);

            Assert.True(firstExit == 0, firstErr);
            Assert.True(againExit == 0, againErr);
            Assert.Contains("1 imported pending (confirmation mailed)", first, StringComparison.Ordinal);
            Assert.Contains("Confirmation mails are sent by the running", first, StringComparison.Ordinal);
            Assert.Contains("1 already active, 1 already pending", again, StringComparison.Ordinal);
            Assert.DoesNotContain("Confirmation mails are sent", again, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task ReadersExport_WritesAFileOnlyItsOwnerMayRead_NewOrWrittenOver()
    {
        var storage = azurite.NewAccount();
        var folder = Directory.CreateTempSubdirectory("readers-export-");
        try
        {
            var fresh = Path.Combine(folder.FullName, "fresh.csv");
            var over = Path.Combine(folder.FullName, "over.csv");
            await File.WriteAllTextAsync(over, "old");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(over, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            var (freshExit, _, freshErr) = await RunAsync("readers", "export", fresh, "--storage", storage);
            var (overExit, _, overErr) = await RunAsync("readers", "export", over, "--storage", storage);

            Assert.True(freshExit == 0, freshErr);
            Assert.True(overExit == 0, overErr);
            Assert.StartsWith("email,", (await File.ReadAllTextAsync(over)).TrimStart('\uFEFF'), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fresh));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(over));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
