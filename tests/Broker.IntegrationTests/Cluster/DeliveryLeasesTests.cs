using Broker.Dispatch;
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Storage.Contract;
using Broker.Storage;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broker.IntegrationTests.Cluster;

/// <summary>The leases by which each node takes its own batch of due deliveries (<see cref="PgDeliveryLeases"/>), on a real PostgreSQL.</summary>
public sealed class DeliveryLeasesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_nodes_taking_due_deliveries_at_once_never_take_the_same_one_and_leave_the_rest_alone()
    {
        await using var database = new PgDatabase(await PostgresServer.CreateDatabaseAsync("leases"), NullLogger.Instance);
        var store = new PgDeliveryStore(database);
        var due = Enumerable.Range(0, 60).Select(i => Populated.Delivery($"due-{i:D2}", dueAt: Now.AddSeconds(-i))).ToList();
        var later = Populated.Delivery("later", dueAt: Now.AddMinutes(1));
        var published = Populated.Delivery("published", status: DeliveryStatus.Published, dueAt: Now.AddMinutes(-1));
        await store.AddManyAsync([.. due, later, published], CancellationToken.None);
        var leases = new PgDeliveryLeases(database);

        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(n =>
            leases.TakeAsync(Now, Now.AddSeconds(30), $"node-{n % 2}", 20, CancellationToken.None)));

        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(due.Select(d => d.Id).Order(), all.Order());
        Assert.Empty(await leases.TakeAsync(Now, Now.AddSeconds(30), "node-2", 20, CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_is_cleared_by_the_compare_and_set_and_a_dead_nodes_lease_is_released_for_a_wake_up()
    {
        await using var database = new PgDatabase(await PostgresServer.CreateDatabaseAsync("leases"), NullLogger.Instance);
        var store = new PgDeliveryStore(database);
        var (claimed, stranded) = (Populated.Delivery("claimed", dueAt: Now.AddSeconds(-2)), Populated.Delivery("stranded", dueAt: Now.AddSeconds(-1)));
        await store.AddManyAsync([claimed, stranded], CancellationToken.None);
        var leases = new PgDeliveryLeases(database);
        Assert.Single(await leases.TakeAsync(Now, Now.AddSeconds(30), "live", 1, CancellationToken.None));
        Assert.Single(await leases.TakeAsync(Now, Now.AddSeconds(30), "dead", 1, CancellationToken.None));

        // The live node's claim (a state change over the version) clears its lease; the dead node's stays until released.
        var mine = (await store.GetAsync("claimed", CancellationToken.None))!;
        mine.Status = DeliveryStatus.Retrying;
        mine.DueAt = Now.AddSeconds(-1);
        Assert.True(await new PgStateChanges(database, new OutboxSignal()).CommitAsync(new StateChange().Update(mine), CancellationToken.None));
        var released = await leases.ReleaseStaleAsync(Now, new HashSet<string> { "live" }, CancellationToken.None);

        Assert.Equal(["stranded"], released.Select(r => r.DeliveryId));
        Assert.Equal(stranded.DueAt, released[0].DueAt);
        Assert.Equal(["claimed", "stranded"], (await leases.TakeAsync(Now, Now.AddSeconds(30), "live", 5, CancellationToken.None)).Order());
    }
}
