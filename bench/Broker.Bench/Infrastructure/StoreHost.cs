using Broker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broker.Bench.Infrastructure;

/// <summary>
/// The broker's stores on one LiteDB file, without the rest of the broker: what a seeder writes its rows through, so they
/// are stored exactly as the broker stores them. Disposing the host closes the database (its last checkpoint).
/// </summary>
internal static class StoreHost
{
    public static IHost Open(string databasePath)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = databasePath });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        var before = builder.Services.Count;
        builder.AddBrokerStorage();
        var stores = builder.Services.Skip(before)
            .Select(d => d.ServiceType)
            .Where(t => t is { IsInterface: true, IsGenericTypeDefinition: false } && t.Namespace?.StartsWith("Broker.", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();
        builder.Services.AddSingleton(new Stores(stores));
        return builder.Build();
    }

    /// <summary>
    /// Resolves every store the broker registers: each makes its indexes when it is first resolved, as the broker's start
    /// resolves them all, so a seeded file holds the indexes a broker that ran all year has.
    /// </summary>
    public static void ResolveAll(IServiceProvider services)
    {
        foreach (var store in services.GetRequiredService<Stores>().Types)
        {
            _ = services.GetRequiredService(store);
        }
    }

    private sealed record Stores(IReadOnlyList<Type> Types);
}
