using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Hosting;

namespace Newsletter.Cli.Hosting;

/// <summary>
/// The WebJobs SDK's last resort for an exception no function caught: like the SDK's own handler it ends the
/// process, except while the host is stopping. Then a queue message still in flight can finish after the
/// host's services are disposed, and the SDK's own logging of that finish throws; that says nothing about the
/// work (the message stays on its queue and is delivered again), so it is written to standard error instead
/// of taking the process down with it.
/// </summary>
public sealed class ShutdownTolerantExceptionHandler(IHostApplicationLifetime lifetime, TextWriter? errors = null) : IWebJobsExceptionHandler
{
    private readonly TextWriter _errors = errors ?? Console.Error;

    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod) => OnUnhandledExceptionAsync(exceptionInfo);

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        ArgumentNullException.ThrowIfNull(exceptionInfo);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            _errors.WriteLine($"While stopping, a background task ended with {exceptionInfo.SourceException.GetType().Name}: {exceptionInfo.SourceException.Message}");
            return Task.CompletedTask;
        }

        // As the SDK does: rethrow on a thread of its own, so the process ends and the failure is seen.
        var thread = new Thread(exceptionInfo.Throw) { IsBackground = true };
        thread.Start();
        return Task.CompletedTask;
    }
}
