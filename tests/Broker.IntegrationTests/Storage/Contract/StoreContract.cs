using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>
/// The store contract suite: every behaviour a store promises, written once and run against each provider, so LiteDB and
/// PostgreSQL cannot drift apart. A contract is an abstract class of facts deriving from this one; each provider runs it
/// through a sealed class of one line (<c>public sealed class ItemStoreOnLiteDb : ItemStoreContract;</c> with
/// <see cref="Provider"/> overridden). Each test gets fresh, empty storage (a new LiteDB file, a new PostgreSQL database),
/// built by the broker's own <see cref="StorageExtensions.AddBrokerStorage"/> and started as the broker starts it.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private IHost? host;
    private string? folder;

    protected abstract StorageProvider Provider { get; }

    /// <summary>The storage's services: the stores, <see cref="IStateChanges"/>, and whatever else storage registers.</summary>
    protected IServiceProvider Services => host!.Services;

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Each of <paramref name="ids"/> added and as many lists read, all started at once; when all are done, the lists
    /// read meanwhile (each as its ids).
    /// </summary>
    protected static async Task<IReadOnlyCollection<string[]>> ListWhileAddingAsync(
        IReadOnlyList<string> ids, Func<string, Task> add, Func<Task<string[]>> list)
    {
        var lists = new System.Collections.Concurrent.ConcurrentBag<string[]>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = ids.SelectMany(id => new[]
        {
            Task.Run(async () =>
            {
                await start.Task;
                await add(id);
            }),
            Task.Run(async () =>
            {
                await start.Task;
                lists.Add(await list());
            }),
        }).ToList();
        start.SetResult();
        await Task.WhenAll(all);
        return lists;
    }

    /// <summary>Settings a contract adds to (or changes in) the storage's configuration.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        folder = Path.Combine(Path.GetTempPath(), "broker-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = Provider.ToString(),
            ["Storage:DatabasePath"] = Path.Combine(folder, "broker.db"),
        };
        if (Provider == StorageProvider.PostgreSql)
        {
            settings["ConnectionStrings:Broker"] = await PostgresServer.CreateDatabaseAsync("contract");
        }

        Configure(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddBrokerStorage();
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        try
        {
            Directory.Delete(folder!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
