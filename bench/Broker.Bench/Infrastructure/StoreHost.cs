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
        builder.AddBrokerStorage();
        return builder.Build();
    }
}
