using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Editorial;
using Newsletter.Core.Members;
using Newsletter.Functions.Console;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>The console's members pages: the list, and an admin adding and editing a member, its contacts and its API keys, each audited.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleMembersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private string cookie = string.Empty;
    private string token = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        (cookie, token) = await app.SignInAsync("admin@example.org");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<FunctionResponse> ActAsync(string memberId, string action, params KeyValuePair<string, string>[] fields) =>
        app.PostAsync<ConsoleMemberAction>($"/console/members/{memberId}/{action}", cookie, token, fields, (f, r) => f.Run(r, memberId, action, CancellationToken.None));

    private Task<FunctionResponse> AddAsync(params KeyValuePair<string, string>[] fields) =>
        app.PostAsync<ConsoleMemberAdd>("/console/members", cookie, token, fields, (f, r) => f.Run(r, CancellationToken.None));

    private Task<Member?> StoredAsync(string id) => app.Services.GetRequiredService<IMemberStore>().GetAsync(id, CancellationToken.None);

    private static KeyValuePair<string, string> Field(string name, string value) => KeyValuePair.Create(name, value);

    [Fact]
    public async Task TheList_ShowsEachMemberWithItsContacts_AndOnlyAdminsGetTheAddForm()
    {
        var (editorCookie, _) = await app.SignInAsync("editor@example.org");

        var admin = await app.GetAsync<ConsoleMembers>("/console/members", cookie, (f, r) => f.Run(r, CancellationToken.None));
        var editor = await app.GetAsync<ConsoleMembers>("/console/members", editorCookie, (f, r) => f.Run(r, CancellationToken.None));

        Assert.Contains("<a href=\"https://news.example.org/console/members/kth\">KTH Royal Institute of Technology</a></td><td><code>kth</code></td><td>1</td>", admin.Body, StringComparison.Ordinal);
        Assert.Contains("Add a member", admin.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a member", editor.Body, StringComparison.Ordinal);
        Assert.Contains("Admins add members and change them.", editor.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_AddsAMember_AndSeesItsFirstKeyOnce_WhichWorks_AndTheAdditionIsAudited()
    {
        var added = await AddAsync(Field("id", "chalmers"), Field("name", "Chalmers University"), Field("topics", "Research"), Field("autoPublish", "yes"));
        var again = await AddAsync(Field("id", "chalmers"), Field("name", "Chalmers again"));
        var badId = await AddAsync(Field("id", "Not An Id"), Field("name", "X"));
        var badTopic = await AddAsync(Field("id", "lund"), Field("name", "Lund"), Field("topics", "Gossip"));

        Assert.Equal(200, added.Status);
        var key = System.Text.RegularExpressions.Regex.Match(added.Body, "<code>(nk_[^<]+)</code>").Groups[1].Value;
        var member = (await StoredAsync("chalmers"))!;
        Assert.True(MemberService.Verify(member, key));
        Assert.Equal(["research"], member.AllowedTopics);
        Assert.True(member.AutoPublish);
        Assert.Equal(400, again.Status);
        Assert.Contains("A member &#x27;chalmers&#x27; exists already.", again.Body, StringComparison.Ordinal);
        Assert.Equal("Chalmers University", (await StoredAsync("chalmers"))!.DisplayName);
        Assert.Equal(400, badId.Status);
        Assert.Equal(400, badTopic.Status);
        Assert.Contains("Not a topic of this network: Gossip.", badTopic.Body, StringComparison.Ordinal);
        Assert.Null(await StoredAsync("lund"));
        var entry = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.MemberAdded), 10, CancellationToken.None));
        Assert.Equal(("admin@example.org", "chalmers"), (entry.Actor, entry.Subject));
        Assert.DoesNotContain(key, entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameOverTheLimit_IsRefusedWithTheLimitNamed_AndWhatWasTypedStays_OnAddAndEdit_AndNothingIsSaved()
    {
        var name = "Chalmers " + new string('x', 4991);
        var before = (await StoredAsync("kth"))!.DisplayName;

        var added = await AddAsync(Field("id", "chalmers"), Field("name", name));
        var edited = await ActAsync("kth", "edit", Field("name", name));

        foreach (var answer in new[] { added, edited })
        {
            Assert.Equal(400, answer.Status);
            Assert.Contains("Keep it to 200 characters (this has 5,000).", answer.Body, StringComparison.Ordinal);
            Assert.Contains($"value=\"{name}\"", answer.Body, StringComparison.Ordinal);
        }

        Assert.Null(await StoredAsync("chalmers"));
        Assert.Equal(before, (await StoredAsync("kth"))!.DisplayName);
    }

    [Fact]
    public async Task APostThatCannotBeReadAsAForm_Is400SayingWhy_NotTheExpiredFormsRefusal_WhileAReadableFormWithoutItsTokenIs403()
    {
        var fields = new List<KeyValuePair<string, string>> { Field("id", "chalmers"), Field("name", "Chalmers"), Field("antiforgery", token) };
        fields.AddRange(Enumerable.Range(0, 1100).Select(i => Field($"f{i}", "x")));
        var many = ConsoleHarness.WithCookie(FunctionRequests.Form("/console/members", fields), cookie);
        var noBoundary = ConsoleHarness.WithCookie(FunctionRequests.Build("POST", "/console/members", Encoding.UTF8.GetBytes($"antiforgery={token}&id=chalmers&name=Chalmers"), "multipart/form-data"), cookie);

        var tooMany = await Assert.ThrowsAsync<BadHttpRequestException>(() => app.CallAsync<ConsoleMemberAdd>(many, (f, r) => f.Run(r, CancellationToken.None)));
        var malformed = await Assert.ThrowsAsync<BadHttpRequestException>(() => app.CallAsync<ConsoleMemberAdd>(noBoundary, (f, r) => f.Run(r, CancellationToken.None)));
        var withoutToken = await app.PostAsync<ConsoleMemberAdd>("/console/members", cookie, null, [Field("id", "chalmers"), Field("name", "Chalmers")], (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(400, tooMany.StatusCode);
        Assert.Contains("more than 1,024 fields", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(400, malformed.StatusCode);
        Assert.Contains("not a well-formed form", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(403, withoutToken.Status);
        Assert.Contains("This form could not be accepted", withoutToken.Body, StringComparison.Ordinal);
        Assert.Null(await StoredAsync("chalmers"));
    }

    [Fact]
    public async Task AnEdit_ChangesNameTopicsAndAutoPublish_AndTheAuditLogKeepsEachBeforeAndAfter()
    {
        var edited = await ActAsync("kth", "edit", Field("name", "KTH"), Field("topics", "Funding"), Field("topics", "Research"), Field("autoPublish", "yes"));
        var blank = await ActAsync("kth", "edit", Field("name", " "));

        Assert.Equal(303, edited.Status);
        var member = (await StoredAsync("kth"))!;
        Assert.Equal(("KTH", true), (member.DisplayName, member.AutoPublish));
        Assert.Equal(["funding", "research"], member.AllowedTopics);
        Assert.Equal(400, blank.Status);
        Assert.Equal("KTH", (await StoredAsync("kth"))!.DisplayName);
        var entry = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.MemberEdited), 10, CancellationToken.None));
        Assert.Equal(
            [new FieldChange("name", "KTH Royal Institute of Technology", "KTH"), new FieldChange("topics", "", "funding, research"), new FieldChange("auto-publish", "off", "on")],
            entry.Changes);
    }

    [Fact]
    public async Task Contacts_AreAddedAndRemoved_AndAnotherMembersContactIsRefusedWithWhy()
    {
        await app.Services.GetRequiredService<MemberService>().AddAsync("lund", "Lund University", [], autoPublish: false, CancellationToken.None);

        var added = await ActAsync("kth", "add-contact", Field("email", "news@kth.se"));
        var taken = await ActAsync("lund", "add-contact", Field("email", "press@kth.se"));
        var removed = await ActAsync("kth", "remove-contact", Field("email", "news@kth.se"));
        var notThere = await ActAsync("kth", "remove-contact", Field("email", "nobody@kth.se"));

        var people = app.Services.GetRequiredService<PeopleService>();
        Assert.Equal(303, added.Status);
        Assert.Equal(400, taken.Status);
        Assert.Contains("press@kth.se is already a contact of &#x27;kth&#x27;", taken.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", taken.Body, StringComparison.Ordinal);
        Assert.Empty(await people.ListContactsAsync("lund", CancellationToken.None));
        Assert.Equal(303, removed.Status);
        Assert.Equal(["press@kth.se"], (await people.ListContactsAsync("kth", CancellationToken.None)).Select(c => c.Address));
        Assert.Equal(409, notThere.Status);
        Assert.Equal(2, (await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.MemberEdited, Subject: "kth"), 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task AFailedRemoval_AnswersWithItsReasonAtTheTop_409ForNoSuchContact_400ForNoAddress_AndRemovesNobody()
    {
        var people = app.Services.GetRequiredService<PeopleService>();
        await app.Services.GetRequiredService<MemberService>().AddAsync("lund", "Lund University", [], autoPublish: false, CancellationToken.None);
        await people.AddContactAsync("lund", "press@lu.se", admin: false, CancellationToken.None);

        var noField = await ActAsync("kth", "remove-contact");
        var notAnAddress = await ActAsync("kth", "remove-contact", Field("email", "not-an-address"));
        var nobody = await ActAsync("kth", "remove-contact", Field("email", "nobody@kth.se"));
        var anotherMembers = await ActAsync("kth", "remove-contact", Field("email", "press@lu.se"));

        Assert.Equal([400, 400, 409, 409], new[] { noField, notAnAddress, nobody, anotherMembers }.Select(r => r.Status));
        Assert.Contains("Nothing was changed: Choose the contact to remove: the request named no e-mail address.", noField.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed: nobody@kth.se is not a contact of KTH Royal Institute of Technology, or no longer is.", nobody.Body, StringComparison.Ordinal);
        Assert.Contains("press@lu.se is not a contact of KTH Royal Institute of Technology", anotherMembers.Body, StringComparison.Ordinal);
        // The add-a-contact field below is not the one at fault.
        Assert.DoesNotContain("aria-invalid", nobody.Body, StringComparison.Ordinal);
        Assert.Equal(["press@kth.se"], (await people.ListContactsAsync("kth", CancellationToken.None)).Select(c => c.Address));
        Assert.Equal(["press@lu.se"], (await people.ListContactsAsync("lund", CancellationToken.None)).Select(c => c.Address));
        Assert.Empty(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.MemberEdited), 10, CancellationToken.None));
    }

    [Fact]
    public async Task ANewKeyIsShownOnce_AndARevokedKeyStopsWorking()
    {
        var issued = await ActAsync("kth", "new-key");
        var key = System.Text.RegularExpressions.Regex.Match(issued.Body, "<code>(nk_[^<]+)</code>").Groups[1].Value;
        var keyId = key[3..key.IndexOf('.', StringComparison.Ordinal)];

        Assert.Equal(200, issued.Status);
        Assert.True(MemberService.Verify((await StoredAsync("kth"))!, key));
        var page = await app.GetAsync<ConsoleMember>("/console/members/kth", cookie, (f, r) => f.Run(r, "kth", CancellationToken.None));
        Assert.DoesNotContain(key, page.Body, StringComparison.Ordinal);
        Assert.Contains($"<code>{keyId}</code>", page.Body, StringComparison.Ordinal);

        var revoked = await ActAsync("kth", "revoke-key", Field("key", keyId));
        var twice = await ActAsync("kth", "revoke-key", Field("key", keyId));

        Assert.Equal(303, revoked.Status);
        Assert.False(MemberService.Verify((await StoredAsync("kth"))!, key));
        Assert.Equal(400, twice.Status);
    }

    [Fact]
    public async Task AnEditor_MaySeeAMember_ButNotChangeIt()
    {
        var (editorCookie, editorToken) = await app.SignInAsync("editor@example.org");

        var page = await app.GetAsync<ConsoleMember>("/console/members/kth", editorCookie, (f, r) => f.Run(r, "kth", CancellationToken.None));
        var edit = await app.PostAsync<ConsoleMemberAction>("/console/members/kth/edit", editorCookie, editorToken, [Field("name", "Taken over")],
            (f, r) => f.Run(r, "kth", "edit", CancellationToken.None));
        var unknown = await app.GetAsync<ConsoleMember>("/console/members/nobody", cookie, (f, r) => f.Run(r, "nobody", CancellationToken.None));

        Assert.Equal(200, page.Status);
        Assert.Contains("press@kth.se", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Issue a new API key", page.Body, StringComparison.Ordinal);
        Assert.Equal(403, edit.Status);
        Assert.Equal("KTH Royal Institute of Technology", (await StoredAsync("kth"))!.DisplayName);
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task AMemberAddedByAnotherPostBetweenTheLookupAndTheAdd_IsRefusedAsExisting_NotA500()
    {
        await using var racing = new ConsoleHarness(azurite);
        await racing.StartAsync(replace: s => s.AddSingleton<IMemberStore>(sp => new AnotherPostAddsFirst(new TableMemberStore(sp.GetRequiredService<StorageClients>()))));
        var (adminCookie, adminToken) = await racing.SignInAsync("admin@example.org");

        var answer = await racing.PostAsync<ConsoleMemberAdd>("/console/members", adminCookie, adminToken, [Field("id", "uppsala"), Field("name", "Uppsala University")],
            (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(400, answer.Status);
        Assert.Contains("A member &#x27;uppsala&#x27; exists already.", answer.Body, StringComparison.Ordinal);
        Assert.Equal("Uppsala, the other post", (await racing.Services.GetRequiredService<IMemberStore>().GetAsync("uppsala", CancellationToken.None))!.DisplayName);
    }

    /// <summary>A store where, for uppsala, another post's add lands between this post's lookup (nothing yet) and its own add.</summary>
    private sealed class AnotherPostAddsFirst(IMemberStore inner) : IMemberStore
    {
        public Task<Member?> GetAsync(string memberId, CancellationToken cancellationToken) => inner.GetAsync(memberId, cancellationToken);

        public Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public async Task<bool> TryAddAsync(Member member, CancellationToken cancellationToken)
        {
            if (member.Id == "uppsala")
            {
                await inner.TryAddAsync(member with { DisplayName = "Uppsala, the other post", Keys = [] }, cancellationToken);
            }

            return await inner.TryAddAsync(member, cancellationToken);
        }

        public Task SaveAsync(Member member, CancellationToken cancellationToken) => inner.SaveAsync(member, cancellationToken);
    }
}
