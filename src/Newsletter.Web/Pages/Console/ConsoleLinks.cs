using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Web.Pages.Console;

/// <summary>The console's addresses, from <c>App:BaseUrl</c>. The Functions host reserves routes starting with "admin": hence /console.</summary>
public sealed class ConsoleLinks(IOptions<AppOptions> app)
{
    private string Root => field ??= app.Value.Root + "/console";

    public string Home => Root;
    public string Updates => Root + "/updates";
    public string Editions => Root + "/editions";
    public string Readers => Root + "/readers";
    public string Members => Root + "/members";
    public string Audit => Root + "/audit";
    public string Settings => Root + "/settings";

    public string Update(string updateId) => $"{Root}/updates/{Uri.EscapeDataString(updateId)}";
    public string UpdateAction(string updateId, string action) => $"{Update(updateId)}/{action}";
    public string Original(string updateId) => $"{Update(updateId)}/original";
    public string Preview(string frequency, IReadOnlyList<string> topics, bool text = false) =>
        $"{Editions}/next/{frequency}?topics={Uri.EscapeDataString(string.Join(',', topics))}{(text ? "&format=text" : "")}";

    public string TestSend(string frequency) => $"{Editions}/next/{frequency}/test-send";

    public string Delivery(string editionId) => $"{Root}/delivery/{Uri.EscapeDataString(editionId)}";
    public string SendPending(string editionId) => $"{Delivery(editionId)}/send-pending";

    public string ReaderLookup => Readers + "/lookup";
    public string ReaderExport => Readers + "/export";
    public string ReaderImportForm => Readers + "/import";
    public string ReaderImport(string importId) => $"{Readers}/imports/{Uri.EscapeDataString(importId)}";
    public string Reader(string readerId) => $"{Readers}/{Uri.EscapeDataString(readerId)}";
    public string ReaderAction(string readerId, string action) => $"{Reader(readerId)}/{action}";

    public string ReaderList(ReaderState? state, string? from) =>
        $"{Readers}?state={(state is { } s ? s.ToString().ToLowerInvariant() : "")}{(from is null ? "" : "&from=" + Uri.EscapeDataString(from))}";

    /// <summary>Where an editor approves or skips a held edition.</summary>
    public string Decide(string editionId) => $"{Editions}/{Uri.EscapeDataString(editionId)}/decide";

    /// <summary>A stored edition's variant as its readers get it.</summary>
    public string StoredPreview(string editionId, string variantKey, bool text = false) =>
        $"{Editions}/{Uri.EscapeDataString(editionId)}/preview?variant={Uri.EscapeDataString(variantKey)}{(text ? "&format=text" : "")}";

    public string Member(string memberId) => $"{Members}/{Uri.EscapeDataString(memberId)}";
    public string MemberAction(string memberId, string action) => $"{Member(memberId)}/{action}";

    public string AuditOf(string subject) => $"{Audit}?subject={Uri.EscapeDataString(subject)}";
}
