using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsletter.Core;
using Newsletter.Functions.Subscriptions;
using Newsletter.Infrastructure;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Web;

namespace Newsletter.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything the function classes need, and the classes themselves, so that the Functions
    /// worker and the local host resolve the same objects from the same container.
    /// </summary>
    public static IServiceCollection AddNewsletterFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNewsletterCore();
        services.AddNewsletterInfrastructure(configuration);
        services.AddNewsletterWeb();
        services.AddForwardedClients(configuration);
        services.TryAddSingleton<Access.SessionCookie>();
        services.TryAddScoped<Access.AccessGate>();
        services.TryAddScoped<Console.ConsoleAccess>();
        services.TryAddScoped<Portal.PortalAccess>();

        // Queue-triggered functions take their message types: the worker reads a message with the JSON shape the
        // publishers write (camelCase, enums by name, the dispatch queue's "kind"). A message it cannot read fails
        // the invocation, so the queue retries it and then moves it to its poison queue.
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(QueueMessages.Json));
        foreach (var type in FunctionTypes)
        {
            services.AddScoped(type);
        }

        return services;
    }

    /// <summary>The classes that hold <c>[Function]</c> methods.</summary>
    public static IReadOnlyList<Type> FunctionTypes { get; } = typeof(Health).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                    && t.GetMethods().Any(m => m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false).Length > 0))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();
}
