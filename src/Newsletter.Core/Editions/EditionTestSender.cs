using Microsoft.Extensions.Options;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Editions;

/// <summary>What became of a test send.</summary>
public enum TestSendOutcome
{
    /// <summary>Every address was mailed (<see cref="TestSendResult.Sent"/>).</summary>
    Sent,

    /// <summary>None, or more than <see cref="EditionTestSender.MaxAddresses"/>, addresses were given.</summary>
    InvalidAddresses,

    /// <summary>An address is not one mail can go to.</summary>
    InvalidAddress,

    /// <summary>An address belongs to a reader who bounced, complained or was erased.</summary>
    SuppressedAddress,

    UnknownEdition,

    /// <summary>The edition holds no updates.</summary>
    EmptyEdition,
}

/// <summary>The outcome of a test send: how many were mailed, or the failure with its code and message. Nothing is sent on a failure.</summary>
public sealed record TestSendResult(TestSendOutcome Outcome, int Sent = 0, string? Error = null, string? Message = null)
{
    public static TestSendResult Failure(TestSendOutcome outcome, string error, string message) => new(outcome, Error: error, Message: message);
}

/// <summary>
/// Sends an edition, as readers of all topics would get it, to a few given addresses only: for editors
/// to check a digest in real mail clients. Its footer says it went to no reader instead of offering a reader's links.
/// </summary>
public sealed class EditionTestSender(
    IEditionStore editions, EditionRenderer renderer, EditionComposer composer, IMailSender mail, IReaderStore readers, ReaderIdentity identity,
    IOptions<MailOptions> mailOptions, IOptions<AppOptions> app, Links links)
{
    public const int MaxAddresses = 10;

    public async Task<TestSendResult> SendAsync(string editionId, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var (parsed, refused) = await CheckAsync(addresses, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var edition = await editions.GetAsync(editionId, cancellationToken);
        if (edition is null)
        {
            return TestSendResult.Failure(TestSendOutcome.UnknownEdition, "unknown_edition", $"There is no edition '{Releases.Parsing.TextCleaner.SingleLine(editionId, 60)}'.");
        }

        if (edition.Items.Count == 0)
        {
            return TestSendResult.Failure(TestSendOutcome.EmptyEdition, "empty_edition", edition.Reason ?? "The edition has no updates.");
        }

        var content = new EditionContent(edition.Id, Edition.FrequencyName(edition.Frequency), edition.ScheduledFor, [], edition.Items,
            HasWebCopy: Delivery.EditionArchive.CanHaveGoneToSomeone(edition));
        return await MailAsync(await renderer.RenderTestSendAsync(content, cancellationToken), parsed, cancellationToken);
    }

    /// <summary>
    /// Sends the preview of the next edition of the frequency, as readers of those topics would get it now, to a
    /// few addresses: an editor checks it before the real send. No edition is created, nothing is stored.
    /// </summary>
    public async Task<TestSendResult> SendPreviewAsync(Frequency frequency, IReadOnlyList<string> topics, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var (parsed, refused) = await CheckAsync(addresses, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var (content, _) = await composer.PreviewAsync(frequency, topics, cancellationToken);
        return content.Items.Count == 0
            ? TestSendResult.Failure(TestSendOutcome.EmptyEdition, "empty_edition", "Nothing was published since the last edition for these readers: there is nothing to send.")
            : await MailAsync(await renderer.RenderTestSendAsync(content, cancellationToken), parsed, cancellationToken);
    }

    private async Task<(List<EmailAddress> Parsed, TestSendResult? Refused)> CheckAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var parsed = new List<EmailAddress>();
        if (addresses.Count is 0 or > MaxAddresses)
        {
            return (parsed, TestSendResult.Failure(TestSendOutcome.InvalidAddresses, "invalid_addresses", addresses.Count == 0
                ? $"Give at least one address to send the test to (at most {MaxAddresses})."
                : $"A test goes to at most {MaxAddresses} addresses; {addresses.Count} were given."));
        }

        foreach (var input in addresses)
        {
            if (!EmailAddress.TryParse(input, out var address, out var problem))
            {
                return (parsed, TestSendResult.Failure(TestSendOutcome.InvalidAddress, "invalid_address",
                    $"\"{Releases.Parsing.TextCleaner.SingleLine(input, 80)}\" is not an address mail can go to. {FormRules.Message(problem)}"));
            }

            // An address typed twice (or in another case) is one inbox: it gets the test once.
            if (!parsed.Any(a => string.Equals(a.Address, address!.Address, StringComparison.OrdinalIgnoreCase)))
            {
                parsed.Add(address!);
            }
        }

        foreach (var address in parsed)
        {
            // Suppression holds for every send: an address that bounced, complained or asked to be erased
            // gets nothing from us, a test included.
            var key = identity.For(address);
            if (await readers.GetAsync(key.Id, key.Bucket, cancellationToken) is { State: ReaderState.Erased or ReaderState.Bounced or ReaderState.Complained } reader)
            {
                var why = reader.State switch
                {
                    ReaderState.Bounced => "mail to it bounced",
                    ReaderState.Complained => "its owner reported our mail as spam",
                    _ => "its owner asked for their data to be erased",
                };
                return (parsed, TestSendResult.Failure(TestSendOutcome.SuppressedAddress, "suppressed_address",
                    $"{address.Address} gets no mail from us, tests included: {why}."));
            }
        }

        return (parsed, null);
    }

    private async Task<TestSendResult> MailAsync(RenderedEdition rendering, List<EmailAddress> parsed, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello,",
            [ReaderPlaceholders.UnsubscribeUrl] = links.Subscribe,
            [ReaderPlaceholders.PreferencesUrl] = links.Subscribe,
        };
        var from = mailOptions.Value.Sender(app.Value);
        foreach (var address in parsed)
        {
            await mail.SendAsync(new MailMessage(
                from,
                new Mailbox(address.Address),
                "[Test] " + rendering.Subject,
                ReaderPlaceholders.Fill(rendering.Html, values),
                ReaderPlaceholders.Fill(rendering.Text, values)), cancellationToken);
        }

        return new TestSendResult(TestSendOutcome.Sent, parsed.Count);
    }
}
