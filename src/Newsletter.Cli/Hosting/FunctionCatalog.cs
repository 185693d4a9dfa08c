using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Functions;
using WJ = Microsoft.Azure.WebJobs;

namespace Newsletter.Cli.Hosting;

/// <summary>The kind of event that starts a function.</summary>
internal enum TriggerKind
{
    Http,
    Blob,
    Queue,
    Timer,
}

/// <summary>
/// One function and its trigger, as declared by an attribute: for HTTP the methods and route,
/// otherwise the container path, queue name or schedule (with its <c>%setting%</c> unresolved).
/// </summary>
internal sealed record TriggerDescriptor(string Name, TriggerKind Kind, string Binding, string? Connection, MethodInfo Method)
{
    public IReadOnlyList<string> HttpMethods { get; init; } = [];

    /// <summary>For HTTP: whether the Functions host would ask for a function key.</summary>
    public AuthorizationLevel AuthLevel { get; init; } = AuthorizationLevel.Anonymous;

    public override string ToString() => Kind == TriggerKind.Http
        ? $"{Name}: HTTP {string.Join(',', HttpMethods)} {Binding}"
        : $"{Name}: {Kind} {Binding}";
}

/// <summary>Reads the triggers declared by the Functions assembly and by the local host's WebJobs adapters.</summary>
internal static class FunctionCatalog
{
    /// <summary>Every <c>[Function]</c> method of the function classes, as the Functions host would index it.</summary>
    public static IReadOnlyList<TriggerDescriptor> WorkerFunctions() =>
        FunctionsServiceCollectionExtensions.FunctionTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .Select(x => DescribeWorker(x.Function!.Name, x.Method))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every WebJobs adapter method of the local host.</summary>
    public static IReadOnlyList<TriggerDescriptor> WebJobsAdapters() =>
        typeof(WebJobsTriggers).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (Method: m, Function: m.GetCustomAttribute<WJ.FunctionNameAttribute>()))
            .Where(x => x.Function is not null)
            .Select(x => DescribeWebJobs(x.Function!.Name, x.Method))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The differences between the two: a non-HTTP function without an adapter of the same trigger,
    /// or an adapter for no function. Empty when the local host hosts everything the app declares.
    /// </summary>
    public static IReadOnlyList<string> Drift()
    {
        var problems = new List<string>();
        var adapters = WebJobsAdapters().ToDictionary(a => a.Name, StringComparer.Ordinal);
        var functions = WorkerFunctions().Where(f => f.Kind != TriggerKind.Http).ToArray();
        foreach (var function in functions)
        {
            if (!adapters.TryGetValue(function.Name, out var adapter))
            {
                problems.Add($"{function} has no WebJobs adapter in {nameof(WebJobsTriggers)}");
            }
            else if (adapter.Kind != function.Kind || adapter.Binding != function.Binding || adapter.Connection != function.Connection)
            {
                problems.Add($"{function} is adapted as {adapter} (connection {adapter.Connection ?? "-"} vs {function.Connection ?? "-"})");
            }
        }

        foreach (var extra in adapters.Keys.Except(functions.Select(f => f.Name), StringComparer.Ordinal))
        {
            problems.Add($"adapter {extra} hosts no [Function] of the app");
        }

        return problems;
    }

    private static TriggerDescriptor DescribeWorker(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
                return new TriggerDescriptor(name, TriggerKind.Http, http.Route ?? name, null, method) { HttpMethods = methods, AuthLevel = http.AuthLevel };
            }

            if (parameter.GetCustomAttribute<BlobTriggerAttribute>() is { } blob)
            {
                return new TriggerDescriptor(name, TriggerKind.Blob, blob.BlobPath, blob.Connection, method);
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new TriggerDescriptor(name, TriggerKind.Queue, queue.QueueName, queue.Connection, method);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new TriggerDescriptor(name, TriggerKind.Timer, timer.Schedule, null, method);
            }
        }

        throw new InvalidOperationException($"Function {name} ({method.DeclaringType?.Name}.{method.Name}) has a trigger the local host does not know.");
    }

    private static TriggerDescriptor DescribeWebJobs(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<WJ.BlobTriggerAttribute>() is { } blob)
            {
                return new TriggerDescriptor(name, TriggerKind.Blob, blob.BlobPath, blob.Connection, method);
            }

            if (parameter.GetCustomAttribute<WJ.QueueTriggerAttribute>() is { } queue)
            {
                return new TriggerDescriptor(name, TriggerKind.Queue, queue.QueueName, queue.Connection, method);
            }

            if (parameter.GetCustomAttribute<WJ.TimerTriggerAttribute>() is { } timer)
            {
                return new TriggerDescriptor(name, TriggerKind.Timer, timer.ScheduleExpression, null, method);
            }
        }

        throw new InvalidOperationException($"Adapter {name} has no blob, queue or timer trigger.");
    }
}
