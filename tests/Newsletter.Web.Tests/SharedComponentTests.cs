using Microsoft.AspNetCore.Components;
using Newsletter.Web.Shared;

namespace Newsletter.Web.Tests;

public class SharedComponentTests
{
    [Fact]
    public async Task FormField_WithAnError_MarksTheInputInvalid_AndDescribesItByTheError()
    {
        await using var pages = new Pages();

        var doc = await pages.ComponentAsync<FormField>(new()
        {
            [nameof(FormField.Name)] = "email",
            [nameof(FormField.Label)] = "E-mail address",
            [nameof(FormField.Type)] = "email",
            [nameof(FormField.Value)] = "\"><b>x",
            [nameof(FormField.Error)] = "Enter an address like name@example.org.",
            [nameof(FormField.Required)] = true,
        });

        var input = doc.QuerySelector("input#email")!;
        Assert.Equal("email", doc.QuerySelector("label")!.GetAttribute("for"));
        Assert.Equal("\"><b>x", input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("email-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Enter an address like name@example.org.", doc.GetElementById("email-error")!.TextContent);
        Assert.Empty(doc.QuerySelectorAll("b"));
    }

    [Fact]
    public async Task FormField_WithoutAnError_HasNoErrorMarkup()
    {
        await using var pages = new Pages();

        var doc = await pages.ComponentAsync<FormField>(new() { [nameof(FormField.Name)] = "name", [nameof(FormField.Label)] = "Name (optional)" });

        var input = doc.QuerySelector("input#name")!;
        Assert.False(input.HasAttribute("aria-invalid"));
        Assert.False(input.HasAttribute("aria-describedby"));
        Assert.False(input.HasAttribute("required"));
        Assert.Null(doc.QuerySelector(".error"));
    }

    [Fact]
    public async Task DataTable_ShowsARowPerItem_OrItsEmptyState()
    {
        await using var pages = new Pages();
        RenderFragment header = b => b.AddMarkupContent(0, "<th scope=\"col\">Name</th>");
        RenderFragment<string> row = item => b => { b.OpenElement(0, "td"); b.AddContent(1, item); b.CloseElement(); };
        RenderFragment empty = b => b.AddMarkupContent(0, "<p class=\"nothing\">Nothing yet</p>");

        var full = await pages.ComponentAsync<DataTable<string>>(new()
        {
            [nameof(DataTable<string>.Caption)] = "Editors",
            [nameof(DataTable<string>.Items)] = (IReadOnlyList<string>)["Ada", "<Grace>"],
            [nameof(DataTable<string>.Header)] = header,
            [nameof(DataTable<string>.Row)] = row,
            [nameof(DataTable<string>.Empty)] = empty,
        });
        var none = await pages.ComponentAsync<DataTable<string>>(new()
        {
            [nameof(DataTable<string>.Caption)] = "Editors",
            [nameof(DataTable<string>.Items)] = (IReadOnlyList<string>)[],
            [nameof(DataTable<string>.Header)] = header,
            [nameof(DataTable<string>.Row)] = row,
            [nameof(DataTable<string>.Empty)] = empty,
        });

        Assert.Equal("Editors", full.QuerySelector("table caption")!.TextContent);
        Assert.Equal(["Ada", "<Grace>"], full.QuerySelectorAll("tbody td").Select(td => td.TextContent));
        Assert.Null(none.QuerySelector("table"));
        Assert.Equal("Nothing yet", none.QuerySelector(".nothing")!.TextContent);
    }

    [Theory]
    [InlineData(0, "update", null, "0 updates")]
    [InlineData(1, "update", null, "1 update")]
    [InlineData(3, "update", null, "3 updates")]
    [InlineData(1, "reply", "replies", "1 reply")]
    [InlineData(2, "reply", "replies", "2 replies")]
    public void Words_Count_UsesTheSingularForOneOnly(int count, string singular, string? plural, string expected) =>
        Assert.Equal(expected, Words.Count(count, singular, plural));

    [Fact]
    public async Task DataTable_ScrollsInANamedFocusableRegion_SoItsWordsNeedNotBreak()
    {
        await using var pages = new Pages();
        RenderFragment header = b => b.AddMarkupContent(0, "<th scope=\"col\">Status</th>");
        RenderFragment<string> row = item => b => { b.OpenElement(0, "td"); b.AddContent(1, item); b.CloseElement(); };

        var doc = await pages.ComponentAsync<DataTable<string>>(new()
        {
            [nameof(DataTable<string>.Caption)] = "Review queue",
            [nameof(DataTable<string>.Items)] = (IReadOnlyList<string>)["Pending review"],
            [nameof(DataTable<string>.Header)] = header,
            [nameof(DataTable<string>.Row)] = row,
        });

        var region = doc.QuerySelector("table")!.ParentElement!;
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("Review queue", region.GetAttribute("aria-label"));
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Contains("table-wrap", region.ClassList);
    }

    [Fact]
    public async Task Pagination_LinksOnlyTheDirectionsThatExist()
    {
        await using var pages = new Pages();

        var first = await pages.ComponentAsync<Pagination>(new() { [nameof(Pagination.NextUrl)] = "/archive?after=x" });
        var only = await pages.ComponentAsync<Pagination>(new());

        Assert.Equal("/archive?after=x", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Null(only.QuerySelector("nav"));
    }

    [Fact]
    public async Task Notice_AndEmptyState_SayTheirText()
    {
        await using var pages = new Pages();
        RenderFragment text = b => b.AddContent(0, "Saved.");

        var notice = await pages.ComponentAsync<Notice>(new() { [nameof(Notice.ChildContent)] = text });
        var warning = await pages.ComponentAsync<Notice>(new() { [nameof(Notice.ChildContent)] = text, [nameof(Notice.Warning)] = true });
        var empty = await pages.ComponentAsync<EmptyState>(new() { [nameof(EmptyState.Title)] = "No edition yet", [nameof(EmptyState.ChildContent)] = text });

        Assert.Equal("status", notice.QuerySelector("p")!.GetAttribute("role"));
        Assert.Equal("alert", warning.QuerySelector("p")!.GetAttribute("role"));
        Assert.Equal("No edition yet", empty.QuerySelector(".empty h2")!.TextContent);
        Assert.Contains("Saved.", empty.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
    }
}
