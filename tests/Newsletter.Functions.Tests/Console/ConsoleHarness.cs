using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>A console route found on a function class: how to call it with any values in its route.</summary>
public sealed record ConsoleRoute(Type Function, MethodInfo Run, string Method, string Route, bool Admin)
{
    public override string ToString() => $"{Method.ToUpperInvariant()} /{Route}";
}

/// <summary>
/// The app on real Azurite stores, with an editor, an admin, a member and its contact, each able to get a
/// session cookie and its form token, and helpers to call any function class as the host would.
/// </summary>
public sealed partial class ConsoleHarness(AzuriteFixture azurite) : IAsyncDisposable
{
    public const string BaseUrl = "https://news.example.org";
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public SentMail Mail { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>Starts the app; with <paramref name="time"/>, every service reads the clock from it (a FakeTimeProvider).</summary>
    /// <param name="replace">registrations that take the place of the app's own (a service made to fail, say); run last.</param>
    public async Task StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? replace = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["App:BaseUrl"] = BaseUrl,
            ["Subscriptions:AddressHashKey"] = Key,
            ["Tokens:Keys"] = "k1:" + Key,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services
            .AddLogging()
            .AddSingleton<IMailSender>(Mail)
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration);
        replace?.Invoke(services);
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var people = Services.GetRequiredService<PeopleService>();
        await people.AddEditorAsync("editor@example.org", admin: false, CancellationToken.None);
        await people.AddEditorAsync("admin@example.org", admin: true, CancellationToken.None);
        await Services.GetRequiredService<MemberService>().AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        await people.AddContactAsync("kth", "press@kth.se", admin: true, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>A signed-in session of that person: the cookie header and the session's form token.</summary>
    public async Task<(string Cookie, string Token)> SignInAsync(string email)
    {
        var person = await Services.GetRequiredService<PeopleService>().FindAsync(Core.Subscriptions.EmailAddress.Parse(email), CancellationToken.None);
        var sessions = Services.GetRequiredService<SessionService>();
        var (_, secret) = await sessions.StartAsync(person!.Id, CancellationToken.None);
        var signedIn = await sessions.FindAsync(secret, CancellationToken.None);
        return ($"__Host-session={secret}", signedIn!.AntiForgeryToken);
    }

    public async Task<FunctionResponse> CallAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> run)
        where TFunction : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await (await run(scope.ServiceProvider.GetRequiredService<TFunction>(), request)).ExecuteAsync(request);
    }

    public Task<FunctionResponse> GetAsync<TFunction>(string path, string? cookie, Func<TFunction, HttpRequest, Task<IActionResult>> run)
        where TFunction : notnull => CallAsync(WithCookie(FunctionRequests.Get(path), cookie), run);

    public Task<FunctionResponse> PostAsync<TFunction>(string path, string? cookie, string? token, IEnumerable<KeyValuePair<string, string>> fields,
        Func<TFunction, HttpRequest, Task<IActionResult>> run)
        where TFunction : notnull
    {
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(KeyValuePair.Create("antiforgery", token));
        }

        return CallAsync(WithCookie(FunctionRequests.Form(path, all), cookie), run);
    }

    /// <summary>Calls a route found by reflection, with "x" for every route value.</summary>
    public async Task<FunctionResponse> CallRouteAsync(ConsoleRoute route, string? cookie, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var path = "/" + RouteValue().Replace(route.Route, "x");
        var request = WithCookie(route.Method == "post" ? FunctionRequests.Form(path, fields ?? []) : FunctionRequests.Get(path), cookie);
        await using var scope = Services.CreateAsyncScope();
        var function = scope.ServiceProvider.GetRequiredService(route.Function);
        var arguments = route.Run.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? (object)CancellationToken.None
            : "x").ToArray();
        var result = await (Task<IActionResult>)route.Run.Invoke(function, arguments)!;
        return await result.ExecuteAsync(request);
    }

    /// <summary>Every HTTP route of the console's function classes, one per method.</summary>
    public static IReadOnlyList<ConsoleRoute> Routes() => FunctionsServiceCollectionExtensions.FunctionTypes
        .Where(t => t.Namespace == typeof(Functions.Console.ConsoleHome).Namespace)
        .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null).Select(m => (Type: t, Method: m)))
        .SelectMany(f =>
        {
            var trigger = f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;
            var admin = f.Type.GetField("AdminOnly", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is true;
            return trigger.Methods!.Select(m => new ConsoleRoute(f.Type, f.Method, m.ToLowerInvariant(), trigger.Route!, admin));
        })
        .ToArray();

    /// <summary>Seeds an update as ingestion leaves it, with its original archived and its upload logged.</summary>
    public async Task<Update> SeedUpdateAsync(string title, UpdateStatus status = UpdateStatus.PendingReview, DateTimeOffset? publishedAt = null, DateTimeOffset? embargo = null)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(title + Guid.NewGuid())));
        var releaseId = "r" + hash[..12];
        var now = DateTimeOffset.UtcNow;
        var update = new Update
        {
            Id = Update.IdFor(hash), MemberId = "kth", ReleaseId = releaseId, Title = title, Date = DateOnly.FromDateTime(now.UtcDateTime),
            Organisation = "KTH Royal Institute of Technology", Summary = "Researchers found a new way to store heat in sand.",
            BodyHtml = "<p>Researchers found a new way to store heat in sand.</p>", BodyText = "Researchers found a new way to store heat in sand.",
            WordCount = 11, Topics = ["Research"], ContentHash = hash, Status = status, Warnings = ["No date line found; the upload date is used."],
            CreatedAt = now, PublishedAt = status == UpdateStatus.Published ? publishedAt ?? now : null, Embargo = embargo,
            History = status == UpdateStatus.Published ? [new StatusChange(now, "auto", null, "published")] : [],
        };
        Assert.True(await Services.GetRequiredService<IUpdateStore>().TryAddAsync(update, CancellationToken.None));
        var files = Services.GetRequiredService<IReleaseFiles>();
        using (var content = new MemoryStream("Sand battery\n\nResearchers found a new way to store heat in sand."u8.ToArray()))
        {
            await files.SaveIncomingAsync("kth", "sand.txt", content, "text/plain", releaseId, CancellationToken.None);
        }

        await files.ArchiveAsync("kth", "sand.txt", releaseId, CancellationToken.None);
        await Services.GetRequiredService<IReleaseLog>().SaveAsync(new ReleaseRecord
        {
            MemberId = "kth", ReleaseId = releaseId, FileName = "sand.txt", State = ReleaseState.PendingReview, UpdateId = update.Id, ReceivedAt = now,
        }, CancellationToken.None);
        return (await Services.GetRequiredService<IUpdateStore>().GetAsync(update.Id, CancellationToken.None))!;
    }

    /// <summary>An edition that went out holding these updates, so its archive page exists.</summary>
    public async Task<string> SeedEditionAsync(params Update[] updates)
    {
        var slot = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        var edition = new Edition
        {
            Id = Edition.IdFor(Core.Subscriptions.Frequency.Daily, slot), Frequency = Core.Subscriptions.Frequency.Daily, ScheduledFor = slot,
            WindowStart = slot.AddDays(-1), Cutoff = slot, CreatedAt = slot, Status = EditionStatus.Composed, Attempt = "a1",
            Items = updates.Select(u => new EditionItem(u.Id, u.Title, u.Organisation, u.Date, u.Summary, u.Topics)).ToArray(),
            Variants = [new EditionVariant("all", [], updates.Select(u => u.Id).ToArray(), 1, "Daily digest")],
        };
        Assert.True(await Services.GetRequiredService<IEditionStore>().TryCreateAsync(edition, CancellationToken.None));
        return edition.Id;
    }

    public static HttpRequest WithCookie(HttpRequest request, string? cookie)
    {
        if (cookie is not null)
        {
            request.Headers.Cookie = cookie;
        }

        return request;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}

/// <summary>Keeps every mail the app sends.</summary>
public sealed class SentMail : IMailSender
{
    public List<MailMessage> Sent { get; } = [];

    /// <summary>Messages for which this answers true fail to send, as a transport that is down would.</summary>
    public Func<MailMessage, bool>? Fails { get; set; }

    public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        if (Fails?.Invoke(message) == true)
        {
            throw new IOException("the mail transport is down");
        }

        lock (Sent)
        {
            Sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
