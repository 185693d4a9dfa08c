using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>The release form's lead image: through the API's image pipeline, previewed under the draft, shown once published.</summary>
public partial class PortalTests
{
    private static readonly (string Name, string Value)[] ImageDetailsGiven =
        [("image-caption", "The new lab's clean room"), ("image-credit", "Photo: UCL / Jane Doe"), ("image-licence", "cc-by-4.0")];

    [Fact]
    public async Task TheFormsImage_IsPreviewedAsThePageWillShowIt_OnlyToTheMember_AndPublishedWithTheRelease()
    {
        var ucl = await SignInAsync("press@ucl.ac.uk");
        var posted = await PostFormAsync(ucl, TestImages.Halves(1600, 1000), [("title", "A clean room for quantum chips"),
            ("body", "UCL opened a clean room where quantum chips are made.\n\nIt is the largest in the country."), .. ImageDetailsGiven]);
        Assert.True(posted.Status == 303, posted.Body);
        var draft = posted.Headers.Location.ToString();

        var preview = await SendAsync(Get(draft, ucl));
        Assert.Contains("<figcaption>The new lab&#x27;s clean room", preview.Body, StringComparison.Ordinal);
        Assert.Contains("alt=\"The new lab&#x27;s clean room\"", preview.Body, StringComparison.Ordinal);
        var sources = PreviewImage().Matches(preview.Body).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.StartsWith(draft + "/image/", src, StringComparison.Ordinal));
        var served = await SendAsync(Get(sources[0], ucl));
        Assert.Equal(200, served.Status);
        Assert.Equal("image/jpeg", served.ContentType);
        Assert.Equal("private, no-store", served.Headers.CacheControl.ToString());

        // Nobody else sees it: another member's contact, an editor, a visitor; nor a name that is not one of its sizes.
        var kth = await SignInAsync("press@kth.se");
        Assert.Equal(404, (await SendAsync(Get(sources[0], kth))).Status);
        Assert.Equal(403, (await SendAsync(Get(sources[0], await SignInAsync("editor@example.org")))).Status);
        Assert.Equal(303, (await SendAsync(Get(sources[0], null))).Status);
        Assert.Equal(404, (await SendAsync(Get(draft + "/image/original", ucl))).Status);

        var submitted = await SendAsync(Form(draft, ucl, ("action", "submit")));
        Assert.True(submitted.Status == 303, submitted.Body);
        var record = await services.GetRequiredService<IReleaseLog>().GetAsync("ucl", submitted.Headers.Location.ToString().Split('/')[^1], CancellationToken.None);
        var update = await services.GetRequiredService<IUpdateStore>().GetAsync(record!.UpdateId!, CancellationToken.None);
        Assert.Equal(UpdateStatus.Published, update!.Status);
        Assert.Equal(("The new lab's clean room", "Photo: UCL / Jane Doe", "cc-by-4.0"), (update.ShownImage!.Details!.Caption, update.ShownImage.Details.Credit, update.ShownImage.Details.Licence));
        Assert.Equal(1200, update.ShownImage.Large.Width);

        // The draft's files went with the draft.
        Assert.Equal(404, (await SendAsync(Get(sources[0], ucl))).Status);
    }

    [Fact]
    public async Task ABadImage_CostsTheImageNotTheRelease_AndAFormSentBack_KeepsTheImagesDetails()
    {
        var ucl = await SignInAsync("press@ucl.ac.uk");
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var posted = await PostFormAsync(ucl, svg, [("title", "Bridges that heal"), ("body", "A concrete that closes its own cracks."), .. ImageDetailsGiven]);
        Assert.True(posted.Status == 303, posted.Body);
        var preview = await SendAsync(Get(posted.Headers.Location.ToString(), ucl));
        Assert.Contains("The image was not used (image-svg)", preview.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<figure", preview.Body, StringComparison.Ordinal);
        Assert.Contains("Submit the release", preview.Body, StringComparison.Ordinal);
        var submitted = await SendAsync(Form(posted.Headers.Location.ToString(), ucl, ("action", "submit")));
        Assert.Equal(303, submitted.Status);
        var record = await services.GetRequiredService<IReleaseLog>().GetAsync("ucl", submitted.Headers.Location.ToString().Split('/')[^1], CancellationToken.None);
        Assert.Null((await services.GetRequiredService<IUpdateStore>().GetAsync(record!.UpdateId!, CancellationToken.None))!.Image);

        // 40 megapixels, read from the header: refused as the API refuses it, the release previewed all the same.
        var huge = await PostFormAsync(ucl, TestImages.PngHeader(50_000, 50_000), [("title", "A huge picture"), ("body", "Text."), .. ImageDetailsGiven]);
        Assert.Contains("The image was not used (image-too-many-pixels)", (await SendAsync(Get(huge.Headers.Location.ToString(), ucl))).Body, StringComparison.Ordinal);

        // A form with a problem comes back with every typed value, and says the file must be chosen again.
        var back = await PostFormAsync(ucl, TestImages.Halves(800, 600), [("title", ""), ("body", "Text kept."), .. ImageDetailsGiven]);
        Assert.Equal(400, back.Status);
        Assert.Contains("value=\"The new lab&#x27;s clean room\"", back.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"Photo: UCL / Jane Doe\"", back.Body, StringComparison.Ordinal);
        Assert.Contains("<option value=\"cc-by-4.0\" selected>", back.Body, StringComparison.Ordinal);
        Assert.Contains("Choose the image file again", back.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageWithoutItsDetails_IsKeptWithTheDraft_AndEditingAddsThem_WithoutChoosingTheFileAgain()
    {
        var kth = await SignInAsync("press@kth.se");
        var posted = await PostFormAsync(kth, TestImages.Halves(900, 600), [("title", "Batteries that last"), ("body", "A new lab for batteries.")]);
        var draft = posted.Headers.Location.ToString();
        var preview = await SendAsync(Get(draft, kth));
        Assert.Contains("The image was not used (image-details): The image needs a caption", preview.Body, StringComparison.Ordinal);

        var edit = await SendAsync(Get(PortalPathsEdit(draft), kth));
        Assert.Contains("The image chosen before (900 x 600 pixels) is kept", edit.Body, StringComparison.Ordinal);
        var again = await PostFormAsync(kth, null, [("draft", draft.Split('/')[^1]), ("title", "Batteries that last"), ("body", "A new lab for batteries."), .. ImageDetailsGiven]);
        Assert.Equal(draft, again.Headers.Location.ToString());
        preview = await SendAsync(Get(draft, kth));
        Assert.DoesNotContain("The image was not used", preview.Body, StringComparison.Ordinal);
        Assert.Contains("<figcaption>The new lab&#x27;s clean room", preview.Body, StringComparison.Ordinal);

        var removed = await PostFormAsync(kth, null, [("draft", draft.Split('/')[^1]), ("title", "Batteries that last"), ("body", "A new lab for batteries."),
            ("remove-image", "true")]);
        Assert.Equal(303, removed.Status);
        Assert.DoesNotContain("<figure", (await SendAsync(Get(draft, kth))).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingAReleaseWaitingForReview_KeepsItsImageAndItsDetails()
    {
        var kth = await SignInAsync("press@kth.se");
        var posted = await PostFormAsync(kth, TestImages.Halves(1600, 1000), [("title", "A clean room for batteries"), ("body", "KTH opened a clean room."), .. ImageDetailsGiven]);
        var submitted = await SendAsync(Form(posted.Headers.Location.ToString(), kth, ("action", "submit")));
        Assert.True(submitted.Status == 303, submitted.Body);
        var release = submitted.Headers.Location.ToString();

        var edit = await SendAsync(Form(release, kth, ("action", "edit")));
        Assert.True(edit.Status == 303, edit.Body);
        var form = await SendAsync(Get(edit.Headers.Location.ToString(), kth));
        Assert.Contains("The image chosen before (1200 x 750 pixels) is kept", form.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"The new lab&#x27;s clean room\"", form.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"Photo: UCL / Jane Doe\"", form.Body, StringComparison.Ordinal);

        var draft = Web.Pages.Portal.PortalPaths.Draft(edit.Headers.Location.ToString().Split("draft=")[^1]);
        var preview = await SendAsync(Get(draft, kth));
        Assert.Contains("<figcaption>The new lab&#x27;s clean room", preview.Body, StringComparison.Ordinal);
        var resubmitted = await SendAsync(Form(draft, kth, ("action", "submit")));
        Assert.True(resubmitted.Status == 303, resubmitted.Body);
        var record = await services.GetRequiredService<IReleaseLog>().GetAsync("kth", resubmitted.Headers.Location.ToString().Split('/')[^1], CancellationToken.None);
        var update = await services.GetRequiredService<IUpdateStore>().GetAsync(record!.UpdateId!, CancellationToken.None);
        Assert.Equal(UpdateStatus.PendingReview, update!.Status);
        Assert.Equal(("The new lab's clean room", "Photo: UCL / Jane Doe", "cc-by-4.0"), (update.Image!.Details!.Caption, update.Image.Details.Credit, update.Image.Details.Licence));
    }

    private static string PortalPathsEdit(string draft) => Web.Pages.Portal.PortalPaths.Edit(draft.Split('/')[^1]);

    /// <summary>The release form as a browser sends it: multipart, with the image file when one is chosen.</summary>
    private async Task<FunctionResponse> PostFormAsync(Visitor visitor, byte[]? image, IReadOnlyList<(string Name, string Value)> fields)
    {
        using var multipart = new MultipartFormDataContent();
        multipart.Add(new StringContent(visitor.Token), "antiforgery");
        multipart.Add(new StringContent("form"), "source");
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        if (image is not null)
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            multipart.Add(file, "image", "photo.jpg");
        }

        var body = await multipart.ReadAsByteArrayAsync();
        var request = FunctionRequests.Build(HttpMethods.Post, "/portal/preview", body, multipart.Headers.ContentType!.ToString());
        return await SendAsync(WithCookie(request, visitor));
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex PreviewImage();
}
