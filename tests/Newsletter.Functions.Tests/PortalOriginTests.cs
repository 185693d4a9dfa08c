using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Portal;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions.Tests;

/// <summary>A portal form is refused when its Origin or Referer names another site, even with the session's token.</summary>
public partial class PortalTests
{
    [Theory]
    [InlineData("Origin", "https://attacker.example", 403)]
    [InlineData("Referer", "https://attacker.example/page", 403)]
    [InlineData("Origin", FunctionRequests.BaseUrl, 200)]
    [InlineData("Referer", FunctionRequests.BaseUrl + "/portal/notifications", 200)]
    [InlineData("Origin", "null", 200)]
    [InlineData("User-Agent", "curl/8.5.0", 200)]
    public async Task APortalForm_FromAnotherOrigin_ChangesNothing_AndFromThisSiteOrWithoutOrigin_IsSaved(string header, string value, int status)
    {
        var kth = await SignInAsync("press@kth.se");
        var request = Form("/portal/notifications", kth, ("other", "on"));
        request.Headers[header] = value;

        var answer = await SendAsync(request);

        Assert.Equal(status, answer.Status);
        Assert.True(EmailAddress.TryParse("press@kth.se", out var address, out _));
        var person = (await services.GetRequiredService<PeopleService>().FindAsync(address!, CancellationToken.None))!;
        var settings = await services.GetRequiredService<IPortalStore>().GetNoticeSettingsAsync(person.Id, CancellationToken.None);
        Assert.Equal(status == 200, settings.OtherUploads);
        if (status == 403)
        {
            Assert.Contains("This form did not come from this site", answer.Body, StringComparison.Ordinal);
        }
    }
}
