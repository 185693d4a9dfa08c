using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions.Tests;

/// <summary>A member's administrator invites contacts: nothing on the administrator's side tells which addresses have a role elsewhere.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task InvitingAnotherMembersContactOrAnEditor_AnswersAsForAnyAddress_AndNeitherCanJoin()
    {
        var kth = await SignInAsync("press@kth.se");
        string[] addresses = ["news@kth.se", "press@ucl.ac.uk", "editor@example.org"];
        var answers = new List<string>();
        foreach (var address in addresses)
        {
            var invited = await SendAsync(Form("/portal/admin", kth, ("action", "invite"), ("email", address)));
            Assert.Equal(200, invited.Status);
            answers.Add(NoticeText().Match(invited.Body).Groups[1].Value.Replace(address, "ADDRESS", StringComparison.Ordinal));
        }

        // The same answer, the same mail and the same row on the administration page for all three.
        Assert.Single(answers.Distinct());
        Assert.Equal(addresses, sent.Select(m => m.To.Address));
        Assert.Single(sent.Select(m => m.Subject).Distinct());
        var before = await SendAsync(Get("/portal/admin", kth));
        Assert.Single(addresses.Select(a => InvitationRow(before.Body, a)).Distinct());

        // Opening a link changes nothing; a post from another site accepts nothing.
        var fresh = InvitationLink("news@kth.se");
        Assert.Contains("Accept the invitation", (await SendAsync(FunctionRequests.Get(fresh))).Body, StringComparison.Ordinal);
        Assert.Equal(403, (await AcceptAsync(fresh, ("Sec-Fetch-Site", "cross-site"))).Status);
        Assert.False((await PersonAsync("news@kth.se"))?.IsContactOf("kth") ?? false);

        // Only the holder of the address learns why it cannot join; their role stays as it was.
        Assert.Equal(200, (await AcceptAsync(fresh)).Status);
        Assert.True((await PersonAsync("news@kth.se"))!.IsContactOf("kth"));
        var otherMember = await AcceptAsync(InvitationLink("press@ucl.ac.uk"));
        Assert.Equal(409, otherMember.Status);
        Assert.Contains("already has another role in this network", otherMember.Body, StringComparison.Ordinal);
        Assert.True((await PersonAsync("press@ucl.ac.uk"))!.IsContactOf("ucl"));
        var editor = await AcceptAsync(InvitationLink("editor@example.org"));
        Assert.Equal(409, editor.Status);
        Assert.Null((await PersonAsync("editor@example.org"))!.Contact);

        // The administrator sees the two refused invitations still waiting, as any unanswered one would.
        var after = await SendAsync(Get("/portal/admin", kth));
        Assert.Equal(InvitationRow(before.Body, "press@ucl.ac.uk"), InvitationRow(after.Body, "press@ucl.ac.uk"));
        Assert.Equal(InvitationRow(before.Body, "editor@example.org"), InvitationRow(after.Body, "editor@example.org"));
        Assert.Empty(InvitationRow(after.Body, "news@kth.se"));
        Assert.Contains("contact-joined: news@kth.se, invited by press@kth.se", after.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ucl", after.Body.Replace("press@ucl.ac.uk", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnInvitationLink_WorksOnce_AndNotAfterItIsCancelledOrExpired()
    {
        var kth = await SignInAsync("press@kth.se");
        await SendAsync(Form("/portal/admin", kth, ("action", "invite"), ("email", "news@kth.se")));
        var first = InvitationLink("news@kth.se");
        Assert.Equal(200, (await AcceptAsync(first)).Status);
        Assert.Equal(404, (await AcceptAsync(first)).Status);

        await SendAsync(Form("/portal/admin", kth, ("action", "invite"), ("email", "lab@kth.se")));
        var cancelled = await SendAsync(Form("/portal/admin", kth, ("action", "remove"), ("email", "lab@kth.se")));
        Assert.Contains("The invitation to lab@kth.se is cancelled", cancelled.Body, StringComparison.Ordinal);
        Assert.Equal(404, (await AcceptAsync(InvitationLink("lab@kth.se"))).Status);
        Assert.Equal(404, (await SendAsync(FunctionRequests.Get(InvitationLink("lab@kth.se")))).Status);
        Assert.Null(await PersonAsync("lab@kth.se"));

        var token = new Uri(first).Query["?token=".Length..];
        Assert.Equal(404, (await AcceptAsync("/portal/join?token=" + token[..^2] + "xy")).Status);
    }

    [Fact]
    public async Task AnAdministratorInvitingThemselvesWithoutTheAdminBox_KeepsTheirAdministration()
    {
        var kth = await SignInAsync("press@kth.se");

        var refused = await SendAsync(Form("/portal/admin", kth, ("action", "invite"), ("email", "PRESS@kth.se")));

        Assert.Equal(400, refused.Status);
        Assert.Contains("You cannot take away your own administration", refused.Body, StringComparison.Ordinal);
        Assert.True((await PersonAsync("press@kth.se"))!.Contact!.IsAdmin);
        Assert.Equal(200, (await SendAsync(Get("/portal/admin", kth))).Status);
    }

    private string InvitationLink(string address) =>
        InvitationUrl().Match(sent.Last(m => m.To.Address == address).TextBody).Value;

    private Task<FunctionResponse> AcceptAsync(string link, params (string Name, string Value)[] headers)
    {
        var token = Uri.UnescapeDataString(new Uri(new Uri(FunctionRequests.BaseUrl), link).Query["?token=".Length..]);
        return SendAsync(FunctionRequests.Form("/portal/join", [KeyValuePair.Create("token", token)], headers));
    }

    private async Task<Person?> PersonAsync(string email)
    {
        Assert.True(EmailAddress.TryParse(email, out var address, out _));
        return await services.GetRequiredService<PeopleService>().FindAsync(address!, CancellationToken.None);
    }

    /// <summary>The invitation's row on the administration page with its address (and the form's token) taken out, or empty.</summary>
    private static string InvitationRow(string page, string address) =>
        Regex.Matches(page, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => AntiForgery().Replace(m.Value, string.Empty))
            .FirstOrDefault(row => row.Contains(address, StringComparison.Ordinal) && row.Contains("Cancel", StringComparison.Ordinal))?
            .Replace(address, "ADDRESS", StringComparison.Ordinal) ?? string.Empty;

    [GeneratedRegex("""<input[^>]*name="antiforgery"[^>]*>""")]
    private static partial Regex AntiForgery();

    [GeneratedRegex("""<p class="notice[^"]*" role="[a-z]+">(.*?)</p>""", RegexOptions.Singleline)]
    private static partial Regex NoticeText();

    [GeneratedRegex(@"http://127\.0\.0\.1:7071/portal/join\?token=\S+")]
    private static partial Regex InvitationUrl();
}
