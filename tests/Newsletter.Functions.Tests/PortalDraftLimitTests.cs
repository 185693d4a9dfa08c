using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Portal;

namespace Newsletter.Functions.Tests;

/// <summary>Drafts are limited per contact and per member, so no contact can fill the storage with them.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task ADraftBeyondTheLimits_IsRefusedWithAMessage_TheFormKeepsItsText_AndNothingIsStored_UntilOneIsDeleted()
    {
        var limits = services.GetRequiredService<IOptions<PortalOptions>>().Value;
        (limits.MaxDraftsPerContact, limits.MaxDraftsPerMember) = (2, 3);
        await services.GetRequiredService<PeopleService>().AddContactAsync("kth", "comms@kth.se", admin: false, CancellationToken.None);
        var kth = await SignInAsync("press@kth.se");
        var comms = await SignInAsync("comms@kth.se");
        var (release, _) = await SubmitInPortalAsync(kth, "# Batteries under review\n\nA lab for batteries waits for the editors.\n");
        var first = await PreviewFormAsync(kth, "Batteries one");
        Assert.Equal(303, first.Status);
        Assert.Equal(303, (await PreviewFormAsync(kth, "Batteries two")).Status);

        // The contact's limit: the form, a dropped file and an edit are refused, saying why; nothing more is stored.
        var refused = await PreviewFormAsync(kth, "Batteries three");
        Assert.Equal(422, refused.Status);
        Assert.Contains("too-many-drafts", refused.Body, StringComparison.Ordinal);
        Assert.Contains("You have 2 drafts and previews, the most one contact may keep.", refused.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"Batteries three\"", refused.Body, StringComparison.Ordinal);
        Assert.Contains("The text of Batteries three, kept as typed.</textarea>", refused.Body, StringComparison.Ordinal);
        var dropped = await PostFileAsync(kth, "four.md", "# Batteries four\n\nA fourth lab for batteries.\n"u8.ToArray());
        Assert.Equal(422, dropped.Status);
        Assert.Contains("the most one contact may keep", dropped.Body, StringComparison.Ordinal);
        var edit = await SendAsync(Form($"/portal/releases/{release}", kth, ("action", "edit")));
        Assert.Equal(409, edit.Status);
        Assert.Contains("the most one contact may keep", edit.Body, StringComparison.Ordinal);
        var store = services.GetRequiredService<IPortalStore>();
        Assert.Equal(2, (await store.ListDraftsAsync("kth", CancellationToken.None)).Count);

        // The member's limit counts every contact's drafts.
        Assert.Equal(303, (await PreviewFormAsync(comms, "Batteries by comms")).Status);
        var full = await PreviewFormAsync(comms, "Batteries by comms again");
        Assert.Equal(422, full.Status);
        Assert.Contains("drafts and previews, the most a member may keep", full.Body, StringComparison.Ordinal);

        // Deleting a draft makes room again.
        Assert.Equal(303, (await SendAsync(Form(first.Headers.Location.ToString(), kth, ("action", "delete")))).Status);
        Assert.Equal(303, (await PreviewFormAsync(kth, "Batteries three")).Status);
        Assert.Equal(3, (await store.ListDraftsAsync("kth", CancellationToken.None)).Count);
    }

    private Task<FunctionResponse> PreviewFormAsync(Visitor visitor, string title) =>
        SendAsync(Form("/portal/preview", visitor, ("source", "form"), ("title", title), ("body", $"The text of {title}, kept as typed.")));
}
