using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure;
using Newsletter.Infrastructure.Delivery;
using Newsletter.Infrastructure.Editions;
using Newsletter.Infrastructure.Mail;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Benchmarks;

/// <summary>
/// Whole-pipeline dispatch runs: synthetic readers streamed from a generator through the real
/// <see cref="EditionDispatcher"/>, its table ledger (on an in-memory Azurite, as the ledger lives in
/// Table storage, not in the dispatcher) and the SendGrid transport (resilience pipeline) to the
/// SendGrid stub over loopback HTTP. The stub and Azurite run in processes of their own, so the working
/// set is the dispatcher's alone. One JSON object per scenario on stdout.
/// </summary>
internal static class DispatchBench
{
    private const int Variants = 20;
    private static readonly string[] TopicNames = ["research", "innovation", "funding", "events", "people", "health", "energy", "climate", "digital", "space"];

    /// <summary><c>dispatch stub [latency-ms]</c>: runs only the stub, prints its address, and stops when stdin closes.</summary>
    public static async Task<int> RunStubAsync(int latencyMilliseconds)
    {
        await using var stub = await SendGridStub.StartAsync();
        stub.Record = false;
        stub.Latency = TimeSpan.FromMilliseconds(latencyMilliseconds);
        Console.WriteLine(stub.BaseAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var only = args.Length > 0 ? args[0] : "all";
        if (only == "stub")
        {
            return await RunStubAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }

        // The stub runs in a process of its own, so the working set below is the dispatcher's alone.
        // "latency" runs the per-message comparison against a stub that answers each request after 100 ms.
        var latency = only == "latency" ? 100 : 0;
        using var stubProcess = Process.Start(new ProcessStartInfo("dotnet", [typeof(DispatchBench).Assembly.Location, "dispatch", "stub", latency.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true,
        })!;
        var stub = new RemoteStub(new Uri((await stubProcess.StandardOutput.ReadLineAsync())!), stubProcess);
        try
        {
            int[] sizes = args.Length > 1 ? [int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)] : [10_000, 100_000, 1_000_000];
            return await RunScenariosAsync(only, sizes, stub, latency);
        }
        finally
        {
            stubProcess.StandardInput.Close();
            await stubProcess.WaitForExitAsync();
        }
    }

    /// <summary>The stub's counters over HTTP.</summary>
    private sealed class RemoteStub(Uri baseAddress, Process process)
    {
        private static readonly HttpClient Http = new();

        public Uri BaseAddress { get; } = baseAddress;

        /// <summary>The CPU time the stub's process has used: the test rig's share of a run, apart from the dispatcher's.</summary>
        public TimeSpan CpuTime
        {
            get
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
        }

        public long Requests => Stats().GetProperty("requests").GetInt64();

        public long AcceptedPersonalizations => Stats().GetProperty("acceptedPersonalizations").GetInt64();

        private JsonElement Stats() => JsonDocument.Parse(Http.GetStringAsync(new Uri(BaseAddress, "stats")).GetAwaiter().GetResult()).RootElement;
    }

    private static async Task<int> RunScenariosAsync(string only, int[] sizes, RemoteStub stub, int latencyMilliseconds)
    {
        await using var transport = Transport(stub);
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
        var clients = StorageClients.FromConnectionString(azurite.ConnectionString);
        await new StorageProvisioner(clients).EnsureCreatedAsync(CancellationToken.None);
        // The ledger's table client counts its calls; the other scenarios keep the plain clients.
        var counter = new StorageCallCounter();
        var tableOptions = new Azure.Data.Tables.TableClientOptions();
        tableOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var ledger = new TableDispatchLedger(new StorageClients(clients.Blobs, clients.Queues, new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString, tableOptions)));
        using var azuriteProcess = Process.GetProcessById(azurite.ProcessId);
        if (only is "all" or "batched")
        {
            var runs = new Dictionary<int, (double Seconds, long PeakMB, long WorkingSetMB)>();
            foreach (var readers in sizes)
            {
                runs[readers] = await BatchedAsync(stub, azuriteProcess, transport, ledger, readers);
                Print(new { scenario = "dispatch-batched-ledger-calls", readers, calls = counter.TakeTotals() });
            }

            if (runs.TryGetValue(100_000, out var small) && runs.TryGetValue(1_000_000, out var large))
            {
                // The goal's figure: 1M within 10 s, the working set growing less than 10% from 100k to 1M.
                Print(new
                {
                    figure = "dispatch_1m", wallSeconds = large.Seconds,
                    peakWorkingSetMB100k = small.PeakMB, peakWorkingSetMB1m = large.PeakMB,
                    peakGrowthPercent = Math.Round(100.0 * (large.PeakMB - small.PeakMB) / small.PeakMB, 1),
                    workingSetMB100k = small.WorkingSetMB, workingSetMB1m = large.WorkingSetMB,
                    workingSetGrowthPercent = Math.Round(100.0 * (large.WorkingSetMB - small.WorkingSetMB) / small.WorkingSetMB, 1),
                });
            }
        }

        if (only is "all" or "per-message" or "latency")
        {
            await PerMessageAsync(stub, transport, ledger, 10_000, latencyMilliseconds);
        }

        if (only is "all" or "azurite")
        {
            await AzuriteAsync(stub, transport, clients, 50_000);
        }

        return 0;
    }

    private static ServiceProvider Transport(RemoteStub stub)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new SendGridOptions { ApiKey = SendGridStub.ApiKey, Host = stub.BaseAddress.ToString().TrimEnd('/'), TimeoutSeconds = 120 }));
        services.AddSendGridHttpClient();
        services.AddSingleton<SendGridBulkMailSender>();
        return services.BuildServiceProvider();
    }

    private static IReadOnlyList<string> TopicsOf(int variant) =>
        variant == 0 ? [] : variant <= 10 ? [TopicNames[variant - 1]] : [TopicNames[variant - 11], TopicNames[(variant - 10) % 10]];

    /// <summary>An edition with ~20 variants, each with a ~25 KB HTML + text rendering (placeholders left in).</summary>
    private static (Edition Edition, Dictionary<string, RenderedEdition> Renderings) SyntheticEdition(string id, int readers)
    {
        var variants = new List<EditionVariant>();
        var renderings = new Dictionary<string, RenderedEdition>(StringComparer.Ordinal);
        for (var v = 0; v < Variants; v++)
        {
            var topics = EditionComposer.NormalizeTopics(TopicsOf(v));
            var key = EditionComposer.VariantKey(topics);
            variants.Add(new EditionVariant(key, topics, ["u1"], readers / Variants, $"Network Updates: variant {v}"));
            var items = string.Concat(Enumerable.Range(0, 10).Select(i =>
                $"<tr><td style=\"padding:12px 0;border-bottom:1px solid #ddd\"><a href=\"https://news.example.org/api/updates/u{i}\" style=\"color:#0b5394;font-size:18px\">Update {i} of variant {v}</a><p style=\"margin:4px 0;color:#555\">Example University · 30 Nov 2026</p><p>{new string('x', 1800)}</p></td></tr>"));
            renderings[key] = new RenderedEdition($"Network Updates, variant {v}",
                $"<html><body><p>{ReaderPlaceholders.Greeting}</p><table>{items}</table><p><a href=\"{ReaderPlaceholders.PreferencesUrl}\">Preferences</a> · <a href=\"{ReaderPlaceholders.UnsubscribeUrl}\">Unsubscribe</a></p></body></html>",
                $"{ReaderPlaceholders.Greeting}\n{new string('y', 6000)}\nPreferences: {ReaderPlaceholders.PreferencesUrl}\nUnsubscribe: {ReaderPlaceholders.UnsubscribeUrl}\n");
        }

        var edition = new Edition
        {
            Id = id, Frequency = Frequency.Daily, ScheduledFor = DateTimeOffset.UtcNow, WindowStart = DateTimeOffset.UtcNow.AddDays(-1),
            Cutoff = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, Status = EditionStatus.Composed, Variants = variants, Attempt = "bench",
        };
        return (edition, renderings);
    }

    private static EditionDispatcher Dispatcher(IEditionStore editions, IReaderStore readers, IDispatchLedger ledger, IBulkMailSender sender)
    {
        var app = Options.Create(new AppOptions { BaseUrl = "https://news.example.org", NetworkName = "Network Updates" });
        var tokens = new TokenService(Options.Create(new TokenOptions { Keys = $"k:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}" }), TimeProvider.System);
        return EditionDispatcher.Create(editions, readers, ledger, new NullPublisher(), sender, tokens,
            new Links(app, Options.Create(new SubscriptionOptions())), Options.Create(new DeliveryOptions { MaxConcurrentRequests = 4 }),
            Options.Create(new MailOptions { From = "updates@news.example.org" }), app, TimeProvider.System, NullLoggerFactory.Instance);
    }

    private static async Task<(double Seconds, long PeakMB, long WorkingSetMB)> BatchedAsync(RemoteStub stub, Process azurite, ServiceProvider transport, TableDispatchLedger ledger, int readers)
    {
        var (edition, renderings) = SyntheticEdition($"daily-bench{readers}", readers);
        var dispatcher = Dispatcher(new MemoryEditions(edition, renderings), new GeneratedReaders(readers), ledger, transport.GetRequiredService<SendGridBulkMailSender>());
        var requestsBefore = stub.Requests;
        var acceptedBefore = stub.AcceptedPersonalizations;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen2Before = GC.CollectionCount(2);
        using var process = Process.GetCurrentProcess();
        var (cpuBefore, stubCpuBefore, azuriteCpuBefore) = (process.TotalProcessorTime, stub.CpuTime, CpuTime(azurite));
        var clock = Stopwatch.StartNew();
        var status = await dispatcher.DispatchAllAsync(edition, null, CancellationToken.None);
        clock.Stop();
        process.Refresh();
        var (cpu, stubCpu, azuriteCpu) = (process.TotalProcessorTime - cpuBefore, stub.CpuTime - stubCpuBefore, CpuTime(azurite) - azuriteCpuBefore);
        Print(new
        {
            scenario = "dispatch-batched", readers, variants = Variants,
            wallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            recipientsPerSecond = Math.Round(readers / clock.Elapsed.TotalSeconds),
            requests = stub.Requests - requestsBefore,
            acceptedPersonalizations = stub.AcceptedPersonalizations - acceptedBefore,
            sent = status.Sent, pending = status.Pending,
            peakWorkingSetMB = process.PeakWorkingSet64 / (1024 * 1024),
            workingSetMB = process.WorkingSet64 / (1024 * 1024),
            gcHeapMB = GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024),
            allocatedMB = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024 * 1024),
            gen2Collections = GC.CollectionCount(2) - gen2Before,
            // CPU seconds of each process over the run: the dispatcher (engine, ledger client, HTTP client), the
            // SendGrid stub (parsing every request: the test rig) and Azurite (holding the ledger).
            dispatcherCpuSeconds = Math.Round(cpu.TotalSeconds, 2),
            stubCpuSeconds = Math.Round(stubCpu.TotalSeconds, 2),
            azuriteCpuSeconds = Math.Round(azuriteCpu.TotalSeconds, 2),
        });
        return (Math.Round(clock.Elapsed.TotalSeconds, 2), process.PeakWorkingSet64 / (1024 * 1024), process.WorkingSet64 / (1024 * 1024));
    }

    /// <summary>The per-message way (as the Functions SendGrid output binding works): fill a rendering per reader, one request each.</summary>
    private static async Task PerMessageAsync(RemoteStub stub, ServiceProvider transport, TableDispatchLedger ledger, int readers, int latencyMilliseconds)
    {
        var templates = new EditionTemplates(new NoOverrides(), NullLogger<EditionTemplates>.Instance);
        var renderer = new EditionRenderer(templates, Options.Create(new AppOptions { BaseUrl = "https://news.example.org" }), Options.Create(new DigestOptions()));
        var items = Enumerable.Range(0, 10).Select(i => new EditionItem($"u{i}", $"Update {i}", "Example University", new DateOnly(2026, 11, 30), new string('x', 1800), [])).ToArray();
        var content = new EditionContent("daily-per-message", "daily", DateTimeOffset.UtcNow, [], items);
        var sender = transport.GetRequiredService<SendGridBulkMailSender>();
        var requestsBefore = stub.Requests;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, readers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var rendered = await renderer.RenderAsync(content, ct);
            var values = new Dictionary<string, string>
            {
                [ReaderPlaceholders.Greeting] = "Hello,",
                [ReaderPlaceholders.UnsubscribeUrl] = $"https://news.example.org/api/unsubscribe?token=t{i}",
                [ReaderPlaceholders.PreferencesUrl] = $"https://news.example.org/api/preferences?token=t{i}",
            };
            var none = new Dictionary<string, string>();
            await sender.SendAsync(new BulkMessage("updates@news.example.org", "Network Updates", rendered.Subject,
                ReaderPlaceholders.Fill(rendered.Html, values), ReaderPlaceholders.Fill(rendered.Text, values), none, ["daily"],
                [new Personalization($"reader{i}@example.org", null, none,
                    new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{values[ReaderPlaceholders.UnsubscribeUrl]}>" }, none)]), ct);
        });
        clock.Stop();
        var perMessageSeconds = clock.Elapsed.TotalSeconds;
        var perMessageRequests = stub.Requests - requestsBefore;

        // The batched engine on the same number of readers, for the ratio.
        var (edition, renderings) = SyntheticEdition($"daily-bench-ratio{latencyMilliseconds}", readers);
        var dispatcher = Dispatcher(new MemoryEditions(edition, renderings), new GeneratedReaders(readers), ledger, sender);
        var batchedClock = Stopwatch.StartNew();
        await dispatcher.DispatchAllAsync(edition, null, CancellationToken.None);
        batchedClock.Stop();
        Print(new
        {
            scenario = "dispatch-per-message", readers, stubLatencyMs = latencyMilliseconds,
            wallSeconds = Math.Round(perMessageSeconds, 2),
            requests = perMessageRequests,
            batchedRequests = stub.Requests - requestsBefore - perMessageRequests,
            batchedWallSeconds = Math.Round(batchedClock.Elapsed.TotalSeconds, 2),
            ratio = Math.Round(perMessageSeconds / batchedClock.Elapsed.TotalSeconds, 1),
        });
    }

    /// <summary>50,000 readers stored in Azurite, composed and sent through the table ledger to the stub.</summary>
    private static async Task AzuriteAsync(RemoteStub stub, ServiceProvider transport, StorageClients clients, int count)
    {
        var readers = new TableReaderStore(clients);
        var seeding = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var reader = GeneratedReaders.Make(i, now);
            await readers.SaveAsync(reader, ct);
        });
        seeding.Stop();
        var updates = new TableUpdateStore(clients);
        await updates.TryAddAsync(new Update
        {
            Id = "u1", MemberId = "m", ReleaseId = "r1", Title = "Quantum sensor prototype", Date = DateOnly.FromDateTime(now.UtcDateTime),
            Organisation = "Example Institute", Summary = "A sensor.", BodyHtml = "<p>x</p>", BodyText = "x", ContentHash = "h1",
            Status = UpdateStatus.Published, CreatedAt = now.AddMinutes(-5), PublishedAt = now.AddMinutes(-5),
        }, CancellationToken.None);
        var editions = new TableEditionStore(clients);
        var renderer = new EditionRenderer(new EditionTemplates(new BlobTemplateStore(clients), NullLogger<EditionTemplates>.Instance),
            Options.Create(new AppOptions { BaseUrl = "https://news.example.org" }), Options.Create(new DigestOptions()));
        var composing = Stopwatch.StartNew();
        var edition = (await new EditionComposer(editions, updates, new EmbargoService(updates, Options.Create(new AppOptions()), TimeProvider.System, NullLogger<EmbargoService>.Instance), readers, renderer, TimeProvider.System, NullLogger<EditionComposer>.Instance, Options.Create(new DigestOptions()))
            .ComposeAsync(Frequency.Daily, now.AddMinutes(1), CancellationToken.None)).Edition;
        composing.Stop();
        var dispatcher = Dispatcher(editions, readers, new TableDispatchLedger(clients), transport.GetRequiredService<SendGridBulkMailSender>());
        var requestsBefore = stub.Requests;
        var clock = Stopwatch.StartNew();
        var status = await dispatcher.DispatchAllAsync(edition, null, CancellationToken.None);
        clock.Stop();
        Print(new
        {
            scenario = "dispatch-azurite", readers = count, variants = edition.Variants.Count,
            seedSeconds = Math.Round(seeding.Elapsed.TotalSeconds, 2),
            composeSeconds = Math.Round(composing.Elapsed.TotalSeconds, 2),
            wallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            requests = stub.Requests - requestsBefore,
            sent = status.Sent, pending = status.Pending, chunks = status.Chunks,
        });
    }

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static void Print(object result) => Console.WriteLine(JsonSerializer.Serialize(result));

    /// <summary>Readers made on the fly, bucket by bucket: nothing is stored, so memory shows the engine's own use.</summary>
    private sealed class GeneratedReaders(int count) : IReaderStore
    {
        private static readonly DateTimeOffset Created = DateTimeOffset.UtcNow.AddDays(-30);

        public static Reader Make(int i, DateTimeOffset? at = null)
        {
            var id = Convert.ToHexStringLower(IdBytes(i));
            var reader = Reader.NewPending(id, BucketOf(i), at?.AddDays(-30) ?? Created);
            reader.SignUp($"reader{i}@example.org", new ReaderChoices(null, TopicsOf(i % Variants), Frequency.Daily), at?.AddDays(-30) ?? Created);
            reader.Confirm(at?.AddDays(-30) ?? Created, at?.AddDays(-29) ?? Created);
            return reader;
        }

        /// <summary>A well-spread 16-byte id; its bucket is computed as <see cref="ReaderKey"/> does (first four bytes, big-endian, mod 64).</summary>
        private static byte[] IdBytes(int i)
        {
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes, (uint)i * 2654435761u);
            BitConverter.TryWriteBytes(bytes.AsSpan(4), (long)i);
            BitConverter.TryWriteBytes(bytes.AsSpan(12), ~i);
            return bytes;
        }

        /// <summary>The first four id bytes read big-endian, without building the id: the generator tests every index for every bucket.</summary>
        private static int BucketOf(int i) => (int)(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)i * 2654435761u) % ReaderIdentity.Buckets);

        public Task<Reader?> GetAsync(string id, int bucket, CancellationToken cancellationToken) => Task.FromResult<Reader?>(null);

        public Task SaveAsync(Reader reader, CancellationToken cancellationToken) => Task.CompletedTask;

        public async IAsyncEnumerable<Reader> ListBucketAsync(int bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            for (var i = 0; i < count; i++)
            {
                // Cheap bucket test first: only readers of this bucket are built in full.
                if (BucketOf(i) == bucket)
                {
                    yield return Make(i);
                }
            }
        }
    }

    private sealed class MemoryEditions(Edition edition, Dictionary<string, RenderedEdition> renderings) : IEditionStore
    {
        public Task<bool> TryCreateAsync(Edition e, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task<Edition?> GetAsync(string editionId, CancellationToken cancellationToken) => Task.FromResult<Edition?>(edition);
        public Task<Edition?> LatestAsync(Frequency frequency, DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult<Edition?>(null);
        public Task<IReadOnlyList<Edition>> ListAsync(int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Edition>>([edition]);
        public Task SaveRenderingAsync(string editionId, string attempt, string variantKey, RenderedEdition rendering, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task RecordDeliveryAsync(string editionId, EditionDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<bool> TryDecideAsync(string editionId, EditionApproval decision, EditionDecision by, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<RenderedEdition?> GetRenderingAsync(string editionId, string variantKey, CancellationToken cancellationToken) =>
            Task.FromResult(renderings.GetValueOrDefault(variantKey));
    }

    private sealed class NullPublisher : IDispatchPublisher
    {
        public Task EnqueueAsync(IReadOnlyList<DispatchWork> messages, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EnqueueLaterAsync(DispatchWork message, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoOverrides : ITemplateStore
    {
        public Task<TemplateSource?> GetAsync(string name, CancellationToken cancellationToken) => Task.FromResult<TemplateSource?>(null);
    }
}
