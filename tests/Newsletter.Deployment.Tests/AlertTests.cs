using System.Text.Json.Nodes;
using Newsletter.Core.Monitoring;

namespace Newsletter.Deployment.Tests;

/// <summary>The operator's alarms: each rule watches what the code reports, with the threshold the operators set.</summary>
[Collection(TemplateCollection.Name)]
public class AlertTests(DeploymentTemplate template)
{
    [Theory]
    [InlineData(NewsletterMetrics.Names.PoisonQueueDepth, "Maximum")]
    [InlineData(NewsletterMetrics.Names.IncompleteEditions, "Total")]
    public void AnyValueAboveZero_OfTheMetric_Alerts(string metric, string aggregation)
    {
        var rule = MetricAlert(metric);
        var criterion = Criterion(rule);

        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (double)criterion["threshold"]!);
        Assert.Equal(aggregation, (string?)criterion["timeAggregation"]);
        Assert.Equal("azure.applicationinsights", (string?)criterion["metricNamespace"]);
        AssertScopedToTheAppsTelemetry(rule);
        Assert.True((bool?)rule["properties"]!["enabled"]);
    }

    [Theory]
    [InlineData("complained", "0.001")]
    [InlineData("bounced", "0.02")]
    public void AnEditionsFeedbackRate_AboveTheThreshold_Alerts(string kind, string threshold)
    {
        var rule = QueryAlert(q => q.Contains($"== '{kind}'", StringComparison.Ordinal));
        var query = Query(rule);

        Assert.Contains($"name == '{NewsletterMetrics.Names.Feedback}'", query, StringComparison.Ordinal);
        Assert.Contains($"name == '{NewsletterMetrics.Names.Mails}'", query, StringComparison.Ordinal);
        Assert.Contains("tostring(customDimensions['outcome']) == 'accepted'", query, StringComparison.Ordinal);
        Assert.Contains("by edition", query, StringComparison.Ordinal);
        Assert.Contains($"events / mails > {threshold}", query, StringComparison.Ordinal);
        AssertFiresOnAnyRow(rule);
    }

    [Fact]
    public void AServerErrorRateAboveOnePercent_Alerts()
    {
        var rule = QueryAlert(q => q.Contains("resultCode", StringComparison.Ordinal));
        var query = Query(rule);

        Assert.Contains("countif(toint(resultCode) >= 500)", query, StringComparison.Ordinal);
        Assert.Contains("todouble(failed) / total > 0.01", query, StringComparison.Ordinal);
        AssertFiresOnAnyRow(rule);
    }

    [Fact]
    public void EveryRule_IsScopedToTheAppsTelemetry_AndNotifiesNobodyWithoutAnActionGroup()
    {
        var rules = template.OfType("Microsoft.Insights/metricAlerts").Concat(template.OfType("Microsoft.Insights/scheduledQueryRules")).ToArray();
        Assert.Equal(5, rules.Length);
        Assert.All(rules, AssertScopedToTheAppsTelemetry);

        // The CI parameters give no action group: the rules exist and notify nobody.
        Assert.All(template.OfType("Microsoft.Insights/metricAlerts"), r => Assert.Empty(r["properties"]!["actions"]!.AsArray()));
        Assert.All(template.OfType("Microsoft.Insights/scheduledQueryRules"), r => Assert.Empty(r["properties"]!["actions"]!["actionGroups"]!.AsArray()));
    }

    /// <summary>The monitoring module's Application Insights id output (the component the app's exporter reports to).</summary>
    private static void AssertScopedToTheAppsTelemetry(JsonObject rule)
    {
        var scope = Assert.Single(rule["properties"]!["scopes"]!.AsArray())!.ToString();
        Assert.Contains("'Microsoft.Resources/deployments', format('monitoring-", scope, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.applicationInsightsId.value]", scope, StringComparison.Ordinal);
    }

    private JsonObject MetricAlert(string metric)
    {
        var matches = template.OfType("Microsoft.Insights/metricAlerts").Where(r => (string?)Criterion(r)["metricName"] == metric).ToArray();
        Assert.True(matches.Length == 1, $"Expected one metric alert on {metric}, found {matches.Length}.\n{template.SnapshotSummary()}");
        return matches[0];
    }

    private JsonObject QueryAlert(Func<string, bool> matches)
    {
        var found = template.OfType("Microsoft.Insights/scheduledQueryRules").Where(r => matches(Query(r))).ToArray();
        Assert.True(found.Length == 1, $"Expected one log alert, found {found.Length}.\n{template.SnapshotSummary()}");
        return found[0];
    }

    private static JsonObject Criterion(JsonObject rule) => rule["properties"]!["criteria"]!["allOf"]!.AsArray().Single()!.AsObject();

    private static string Query(JsonObject rule) => (string)Criterion(rule)["query"]!;

    private static void AssertFiresOnAnyRow(JsonObject rule)
    {
        var criterion = Criterion(rule);
        Assert.Equal("Count", (string?)criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (double)criterion["threshold"]!);
    }
}
