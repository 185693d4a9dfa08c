using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;

namespace Newsletter.Cli.Commands;

/// <summary>Seeds a demo member and uploads the sample release, so a new user sees ingestion at work.</summary>
internal static class DemoSeeder
{
    public const string MemberId = "ucl";
    public const string MemberName = "University College London";
    public const string FileName = "servier-ucl-collaboration.txt";

    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IMemberStore>();
        var note = $"Demo member '{MemberId}' exists already.";
        if (await store.GetAsync(MemberId, cancellationToken) is null)
        {
            var (_, key) = await services.GetRequiredService<MemberService>().AddAsync(MemberId, MemberName, [], autoPublish: true, cancellationToken);
            note = $"Demo member '{MemberId}' ({MemberName}, auto-publish) added; its API key: {key}";
        }

        await using var sample = typeof(DemoSeeder).Assembly.GetManifestResourceStream("sample-release.txt")
            ?? throw new InvalidOperationException("The sample release is missing from the program.");
        await services.GetRequiredService<IReleaseFiles>().SaveIncomingAsync(MemberId, FileName, sample, "text/plain; charset=utf-8",
            ReleaseIngestion.ReleaseIdFor(MemberId, FileName, Guid.NewGuid().ToString("N")), cancellationToken);
        return $"{note}{Environment.NewLine}Uploaded the sample release to incoming/{MemberId}/{FileName}; the blob trigger turns it into an update within seconds.";
    }
}
