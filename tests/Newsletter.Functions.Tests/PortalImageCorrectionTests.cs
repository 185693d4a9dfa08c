using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Media;
using Newsletter.Core.Updates;
using Newsletter.Functions.Editions;

namespace Newsletter.Functions.Tests;

/// <summary>New details of an image readers were shown are a correction: the page says so and the member is told.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task AnEditorChangingAPublishedImagesCredit_IsACorrection_ThePageSaysCorrectedOn_AndTheSubmitterIsMailedWhatChanged()
    {
        var ucl = await SignInAsync("press@ucl.ac.uk");
        var (_, published) = await SubmitInPortalAsync(ucl, "# Bridges that heal themselves\n\n1 Dec 2026\n\nEngineers at UCL built a concrete that closes its own cracks.\n", "ucl");
        var updates = services.GetRequiredService<IUpdateStore>();
        var images = services.GetRequiredService<ImageDetailsService>();

        // An image with no details yet (an e-mail's picture): completing it shows it for the first time, no correction.
        await updates.SaveAsync(published with
        {
            Image = new UpdateImage { Renditions = [new ImageRendition("0123456789abcdef-1200.jpg", 1200, 800, "image/jpeg", 1000)] },
        }, CancellationToken.None);
        Assert.Equal(ImageCompletionOutcome.Done, (await images.CompleteAsync(published.Id, ImageActor.Editor(Editor), "The bridge", "Photo: UCL", "cc-by-4.0", null, CancellationToken.None)).Outcome);
        Assert.Null((await updates.GetAsync(published.Id, CancellationToken.None))!.CorrectedAt);
        sent.Clear();

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ImageCompletionOutcome.Done, (await images.CompleteAsync(published.Id, ImageActor.Editor(Editor), "The bridge", "Photo: UCL / Jane Doe", "cc-by-4.0", null, CancellationToken.None)).Outcome);
        await DrainNoticesAsync();

        var corrected = (await updates.GetAsync(published.Id, CancellationToken.None))!;
        Assert.Equal(clock.GetUtcNow(), corrected.CorrectedAt);
        await using (var scope = services.CreateAsyncScope())
        {
            var get = FunctionRequests.Get($"/updates/{published.Id}");
            var page = await (await scope.ServiceProvider.GetRequiredService<UpdatePage>().Run(get, published.Id, CancellationToken.None)).ExecuteAsync(get);
            Assert.Contains("Corrected on", page.Body, StringComparison.Ordinal);
            Assert.Contains("Photo: UCL / Jane Doe", page.Body, StringComparison.Ordinal);
        }

        var mail = Assert.Single(sent);
        Assert.Equal("Release corrected: Bridges that heal themselves", mail.Subject);
        Assert.Equal("press@ucl.ac.uk", mail.To.Address);
        Assert.Contains("- Image credit: \"Photo: UCL\" -> \"Photo: UCL / Jane Doe\"", mail.TextBody, StringComparison.Ordinal);
    }
}
