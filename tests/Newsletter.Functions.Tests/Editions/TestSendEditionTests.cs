using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editions;
using Newsletter.Functions.Editions;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Editions;

/// <summary>The test-send function: Core says what became of the send, the function alone says it in HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public class TestSendEditionTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(TestSendOutcome.InvalidAddresses, 400)]
    [InlineData(TestSendOutcome.InvalidAddress, 400)]
    [InlineData(TestSendOutcome.UnknownEdition, 404)]
    [InlineData(TestSendOutcome.SuppressedAddress, 409)]
    [InlineData(TestSendOutcome.EmptyEdition, 409)]
    public async Task EachFailure_AnswersItsStatus_WithTheCoreCodeAndMessage(TestSendOutcome outcome, int expected)
    {
        var request = FunctionRequests.Post("/api/manage/editions/e1/test-send", "{}");

        var response = await ApiResults.TestSend(TestSendResult.Failure(outcome, "some_code", "Some message.")).ExecuteAsync(request);

        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal((expected, "some_code", "Some message."),
            (response.Status, body.RootElement.GetProperty("error").GetString(), body.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task EveryOutcome_HasAnAnswer()
    {
        foreach (var outcome in Enum.GetValues<TestSendOutcome>())
        {
            var request = FunctionRequests.Post("/api/manage/editions/e1/test-send", "{}");
            var response = await ApiResults.TestSend(new TestSendResult(outcome, 1, "code", "message")).ExecuteAsync(request);
            Assert.InRange(response.Status, 200, 499);
        }
    }

    [Theory]
    [InlineData("{\"addresses\": [\"editor@example.org\"]}", 404, "unknown_edition")]
    [InlineData("{\"addresses\": [\"not an address\"]}", 400, "invalid_address")]
    [InlineData("{\"addresses\": []}", 400, "invalid_addresses")]
    [InlineData("[\"editor@example.org\"]", 400, "invalid_addresses")]
    [InlineData("{\"addresses\": ", 400, "invalid_json")]
    public async Task ARequest_ThatCannotBeSent_AnswersWhy(string json, int expected, string code)
    {
        await using var services = await FunctionServices.StartAsync(azurite);
        await using var scope = services.CreateAsyncScope();
        var request = FunctionRequests.Post("/api/manage/editions/enothing/test-send", json);

        var response = await (await scope.ServiceProvider.GetRequiredService<TestSendEdition>().Run(request, "enothing", CancellationToken.None)).ExecuteAsync(request);

        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal((expected, code), (response.Status, body.RootElement.GetProperty("error").GetString()));
    }
}
