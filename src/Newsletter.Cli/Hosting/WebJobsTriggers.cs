using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Functions;
using Newsletter.Infrastructure.Storage;
using Worker = Microsoft.Azure.Functions.Worker;
using WJ = Microsoft.Azure.WebJobs;

namespace Newsletter.Cli.Hosting;

/// <summary>
/// The local host's bridge from the WebJobs SDK to the function classes. The WebJobs SDK reads its
/// trigger attributes at compile time, so each non-HTTP function gets one adapter method here with
/// the same name and trigger; <see cref="FunctionCatalog.Drift"/> fails start-up when they differ.
/// Each adapter resolves the function class in its own scope and calls it: no logic lives here. A queue adapter takes the
/// message text and binds it to the function's message type the way the worker does.
/// </summary>
public sealed class WebJobsTriggers(IServiceScopeFactory scopes, IOptions<Worker.WorkerOptions> worker, LocalBlobEvents blobEvents)
{
    [WJ.FunctionName(nameof(IngestRelease))]
    public Task IngestRelease(
        [WJ.BlobTrigger(Functions.IngestRelease.Path, Connection = Infrastructure.Storage.StorageNames.Connection)] Azure.Storage.Blobs.BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        // The polling sweep behind the uploads the host delivers at once (LocalBlobEvents): never the same upload at the same time.
        blobEvents.OneAtATimeAsync(name, () => Invoke<IngestRelease>(f => f.Run(blob, name, cancellationToken)));

    [WJ.FunctionName(nameof(ComposeDailyEdition))]
    public Task ComposeDailyEdition([WJ.TimerTrigger("%Digest:DailySchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<ComposeDailyEdition>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(ComposeWeeklyEdition))]
    public Task ComposeWeeklyEdition([WJ.TimerTrigger("%Digest:WeeklySchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<ComposeWeeklyEdition>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(Heartbeat))]
    public Task Heartbeat([WJ.TimerTrigger("%Host:HeartbeatSchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<Heartbeat>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(LiftEmbargoes))]
    public Task LiftEmbargoes([WJ.TimerTrigger("%Host:EmbargoSchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<LiftEmbargoes>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(MailReviewReminders))]
    public Task MailReviewReminders([WJ.TimerTrigger("%Host:ReviewReminderSchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<MailReviewReminders>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(RequeueReleaseNotices))]
    public Task RequeueReleaseNotices([WJ.TimerTrigger("%Host:NoticeOutboxSchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<RequeueReleaseNotices>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(MeasurePoisonQueues))]
    public Task MeasurePoisonQueues([WJ.TimerTrigger("%Host:PoisonQueueSchedule%")] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        Invoke<MeasurePoisonQueues>(f => f.Run(ToWorker(timer), cancellationToken));

    [WJ.FunctionName(nameof(ProcessSignup))]
    public Task ProcessSignup([WJ.QueueTrigger(StorageNames.Queues.Signups, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<ProcessSignup, Core.Subscriptions.SignupRequest[]>(message, (f, signups) => f.Run(signups, cancellationToken));

    [WJ.FunctionName(nameof(SendMail))]
    public Task SendMail([WJ.QueueTrigger(StorageNames.Queues.Mail, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<SendMail, Core.Subscriptions.MailJob>(message, (f, job) => f.Run(job, cancellationToken));

    [WJ.FunctionName(nameof(ImportReaders))]
    public Task ImportReaders([WJ.QueueTrigger(StorageNames.Queues.ReaderImports, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<ImportReaders, Core.Subscriptions.Transfer.ReaderImportJob>(message, (f, job) => f.Run(job, cancellationToken));

    [WJ.FunctionName(nameof(SendSignInMail))]
    public Task SendSignInMail([WJ.QueueTrigger(StorageNames.Queues.SignInMail, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<SendSignInMail, Core.Access.SignInMailJob>(message, (f, job) => f.Run(job, cancellationToken));

    [WJ.FunctionName(nameof(SendReleaseNotice))]
    public Task SendReleaseNotice([WJ.QueueTrigger(StorageNames.Queues.ReleaseNotices, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<SendReleaseNotice, Core.Portal.ReleaseNoticeJob>(message, (f, job) => f.Run(job, cancellationToken));

    [WJ.FunctionName(nameof(DispatchBucket))]
    public Task DispatchBucket([WJ.QueueTrigger(StorageNames.Queues.Dispatch, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<DispatchBucket, Core.Delivery.DispatchWork>(message, (f, work) => f.Run(work, cancellationToken));

    [WJ.FunctionName(nameof(DispatchPoisoned))]
    public Task DispatchPoisoned([WJ.QueueTrigger(StorageNames.Queues.DispatchPoison, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        Invoke<DispatchPoisoned, Core.Delivery.DispatchWork>(message, (f, work) => f.Run(work, cancellationToken));

    private async Task Invoke<T>(Func<T, Task> call) where T : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<T>());
    }

    /// <summary>
    /// Binds a queue message to the function's message type as the Functions worker does: with the worker's serializer, as
    /// <c>AddNewsletterFunctions</c> configures it. A message it cannot read fails the call, so the queue delivers it again
    /// and, after its last attempt, moves it to the poison queue, as in Azure.
    /// </summary>
    private Task Invoke<TFunction, TMessage>(string message, Func<TFunction, TMessage, Task> call) where TFunction : notnull
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(message));
        var serializer = worker.Value.Serializer ?? throw new InvalidOperationException("The worker has no serializer.");
        var bound = serializer.Deserialize(json, typeof(TMessage), CancellationToken.None) is TMessage read
            ? read
            : throw new JsonException($"The queue message is not a {typeof(TMessage).Name}.");
        return Invoke<TFunction>(f => call(f, bound));
    }

    private static Worker.TimerInfo ToWorker(WJ.TimerInfo timer) => new()
    {
        IsPastDue = timer.IsPastDue,
        ScheduleStatus = timer.ScheduleStatus is null
            ? null
            : new Worker.ScheduleStatus
            {
                Last = timer.ScheduleStatus.Last,
                Next = timer.ScheduleStatus.Next,
                LastUpdated = timer.ScheduleStatus.LastUpdated,
            },
    };
}
