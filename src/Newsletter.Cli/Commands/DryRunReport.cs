using Newsletter.Core.Editions;
using Newsletter.Web.Shared;

namespace Newsletter.Cli.Commands;

/// <summary>What <c>digest run --dry-run</c> prints: the edition a run would compose now, its variants and recipients; nothing is stored or sent.</summary>
internal static class DryRunReport
{
    public static void Print(DryRun report, string? publicAddress)
    {
        var plan = report.Plan;
        var name = Edition.FrequencyName(plan.Frequency);
        Console.WriteLine("dry run:    nothing was stored or sent");
        if (report.Existing is { } existing)
        {
            // A run in this minute composes nothing new: it shows the stored edition and sends only what is unsent.
            Console.WriteLine($"edition:    {existing.Id} (composed earlier this minute: a run now shows it as it is and sends only what is not sent yet)");
        }
        else
        {
            Console.WriteLine($"edition:    {report.EditionId} (would be composed now)");
        }

        Console.WriteLine($"state:      {State(report, name)}");
        Console.WriteLine($"window:     {plan.WindowStart:u} .. {plan.Now:u}");
        Console.WriteLine($"updates:    {plan.Items.Count}");
        foreach (var item in plan.Items)
        {
            Console.WriteLine($"  {item.UpdateId,-14} {item.Title} ({item.Organisation})");
        }

        Console.WriteLine($"variants:   {report.Variants.Count(v => v.Subject is not null)} to send, {report.Variants.Count(v => v.Subject is null)} with nothing to send");
        Console.WriteLine($"recipients: {report.Recipients}");
        foreach (var variant in report.Variants)
        {
            var topics = variant.Planned.Topics.Count == 0 ? "all topics" : string.Join(", ", variant.Planned.Topics);
            Console.WriteLine($"  {variant.Planned.Key,-14} {topics,-30} {variant.Planned.Readers,6} {Words.Noun(variant.Planned.Readers, "reader"),-7}  {variant.Planned.UpdateIds.Count,3} {Words.Noun(variant.Planned.UpdateIds.Count, "update"),-7}  {variant.Subject ?? "(gets nothing)"}");
        }

        if (publicAddress is null && report.Recipients > 0)
        {
            Console.WriteLine($"links:      {CliStorage.NoPublicAddress.Replace(" Nothing was sent.", string.Empty, StringComparison.Ordinal)} (a real run refuses without one)");
        }
    }

    private static string State(DryRun report, string name)
    {
        if (report.Plan.Items.Count == 0)
        {
            return "would be empty: no update was published in its window; nothing would be sent";
        }

        if (report.Recipients == 0)
        {
            return $"nothing to send: no active {name} reader's topics match its updates";
        }

        return report.WouldBeHeld
            ? $"would be held for approval (Digest:RequireApproval); an editor sends or skips it in the console"
            : $"would be sent to {Words.Count(report.Recipients, "reader")}";
    }
}
