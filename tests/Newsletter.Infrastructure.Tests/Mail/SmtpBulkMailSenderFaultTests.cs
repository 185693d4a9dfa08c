using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Core.Delivery;
using Newsletter.Core;
using Newsletter.Core.Mail;
using Newsletter.Core.Monitoring;
using Newsletter.Infrastructure.Mail;
using Newsletter.Testing;
using static Newsletter.Infrastructure.Tests.Mail.SmtpTransportTests;

namespace Newsletter.Infrastructure.Tests.Mail;

/// <summary>The SMTP bulk sender against a scripted server: what each failure means for the chunk.</summary>
public sealed class SmtpBulkMailSenderFaultTests : IAsyncLifetime
{
    private readonly SmtpStub _stub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private static BulkMessage FiveReaders() =>
        Message([.. Enumerable.Range(0, 5).Select(i => TestData.Recipient($"r{i}@example.org", "Hello,", $"tok{i}"))]);

    private Task<BulkSendResult> SendAsync(BulkMessage message, int timeoutSeconds = 30) =>
        BulkSender(Connector(SmtpStub.Host, _stub.Port, timeoutSeconds)).SendAsync(message, CancellationToken.None);

    [Theory]
    [InlineData(SmtpStubFault.DropBeforeData, 1, BulkSendStatus.NotAccepted)]
    [InlineData(SmtpStubFault.TryLater, 1, BulkSendStatus.NotAccepted)]
    [InlineData(SmtpStubFault.DropAfterData, 1, BulkSendStatus.Unknown)]
    [InlineData(SmtpStubFault.DropBeforeData, 3, BulkSendStatus.Unknown)]
    [InlineData(SmtpStubFault.TryLater, 3, BulkSendStatus.Unknown)]
    [InlineData(SmtpStubFault.DropAfterData, 3, BulkSendStatus.Unknown)]
    public async Task StoppingMidChunk_IsNotAccepted_OnlyWhenNothingCanHaveBeenTaken(SmtpStubFault fault, int failingMessage, BulkSendStatus expected)
    {
        _stub.Faults = n => n == failingMessage ? fault : SmtpStubFault.None;

        var result = await SendAsync(FiveReaders());

        Assert.Equal(expected, result.Status);
        var taken = failingMessage - 1;
        Assert.Equal([.. Enumerable.Range(0, taken).Select(i => $"r{i}@example.org")], _stub.Accepted);
        // Nothing is sent after the failure: the rest of the chunk waits for the ledger's decision.
        Assert.Equal(failingMessage, _stub.Messages);
        if (expected == BulkSendStatus.Unknown)
        {
            Assert.Contains($"{taken} of 5 messages accepted", result.Detail, StringComparison.Ordinal);
            Assert.Equal(fault == SmtpStubFault.DropAfterData, result.Detail!.Contains("may have been accepted", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RecipientRefusedForGood_IsSkipped_AndTheChunkIsAccepted()
    {
        _stub.Faults = n => n == 2 ? SmtpStubFault.RefuseRecipient : SmtpStubFault.None;

        var result = await SendAsync(FiveReaders());

        Assert.Equal(BulkSendStatus.Accepted, result.Status);
        Assert.Equal(["r0@example.org", "r2@example.org", "r3@example.org", "r4@example.org"], _stub.Accepted);
        Assert.Contains("4 of 5 accepted, 1 refused for good", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryRecipientRefusedForGood_IsRejected()
    {
        _stub.Faults = _ => SmtpStubFault.RefuseRecipient;

        var result = await SendAsync(FiveReaders());

        Assert.Equal(BulkSendStatus.Rejected, result.Status);
        Assert.Empty(_stub.Accepted);
        Assert.Equal(5, _stub.Messages);
    }

    [Fact]
    public async Task ServerThatNeverGreets_IsNotAccepted_AfterTheTimeout()
    {
        _stub.Silent = true;

        var result = await SendAsync(FiveReaders(), timeoutSeconds: 1);

        Assert.Equal(BulkSendStatus.NotAccepted, result.Status);
        Assert.Equal(0, _stub.Messages);
    }
}

public sealed class SmtpOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["NewsletterStorage"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System)
            .AddNewsletterCore().AddNewsletterInfrastructure(configuration).BuildServiceProvider();
    }

    [Theory]
    [InlineData("Smtp", "", "", "", "Smtp:Host is required")]
    [InlineData("Smtp", "smtp.example.org", "mailer", "", "Smtp:Password is required")]
    [InlineData("Smtp", "smtp.example.org", "mailer", "secret", null)]
    [InlineData("Smtp", "smtp.example.org", "", "", null)]
    [InlineData("Outbox", "", "", "", null)]
    [InlineData("SendGrid", "", "mailer", "", null)]
    public void HostAndPassword_AreRequiredOnlyForTheSmtpTransport(string transport, string host, string userName, string password, string? problem)
    {
        using var services = Services(new()
        {
            ["Mail:Transport"] = transport, ["SendGrid:ApiKey"] = "SG.key",
            ["Smtp:Host"] = host, ["Smtp:UserName"] = userName, ["Smtp:Password"] = password,
        });

        var check = () => services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        if (problem is null)
        {
            Assert.NotNull(check());
        }
        else
        {
            Assert.Contains(problem, Assert.Throws<OptionsValidationException>(check).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownSecurity_IsRefused()
    {
        using var services = Services(new() { ["Smtp:Security"] = "Tls" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);
    }

    [Fact]
    public void SmtpTransport_IsWhatTheAppSendsThrough()
    {
        using var services = Services(new() { ["Mail:Transport"] = "Smtp", ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "1025", ["Smtp:Security"] = "None" });

        Assert.IsType<SmtpMailSender>(services.GetRequiredService<IMailSender>());
        Assert.IsType<SmtpBulkMailSender>(Assert.IsType<MeteredBulkMailSender>(services.GetRequiredService<IBulkMailSender>()).Transport);
        Assert.Equal("127.0.0.1:1025", services.GetRequiredService<SmtpConnector>().Server);
    }
}
