using Broker.Accounts.Connect;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AccountConnectionStoreContract : StoreContract
{
    private IAccountConnectionStore? store;

    // Made here on the storage's services, as AddBrokerStorage registers it for the configured provider.
    private IAccountConnectionStore Connections => store ??= Provider == StorageProvider.PostgreSql
        ? ActivatorUtilities.CreateInstance<PgAccountConnectionStore>(Services)
        : ActivatorUtilities.CreateInstance<LiteDbAccountConnectionStore>(Services);

    [Fact]
    public async Task A_connection_is_read_back_with_every_property_by_exact_id_and_exact_state()
    {
        var connection = Populated.Connection("Conn-1", "State-xyz", ConnectionStatus.Ready);
        PropertyAssert.FullyPopulated(connection);

        await Connections.AddAsync(connection, CancellationToken.None);

        PropertyAssert.Same(connection, await Connections.GetAsync("Conn-1", CancellationToken.None));
        PropertyAssert.Same(connection, await Connections.FindByStateAsync("State-xyz", CancellationToken.None));
        Assert.Null(await Connections.GetAsync("conn-1", CancellationToken.None));
        Assert.Null(await Connections.FindByStateAsync("state-xyz", CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_moves_only_from_the_status_it_is_in_and_keeps_the_rest()
    {
        var connection = Populated.Connection("c-1", "s-1");
        await Connections.AddAsync(connection, CancellationToken.None);

        Assert.False(await Connections.TryMoveAsync("c-1", ConnectionStatus.Ready, ConnectionStatus.Completed, CancellationToken.None));
        Assert.False(await Connections.TryMoveAsync("C-1", ConnectionStatus.Pending, ConnectionStatus.Exchanging, CancellationToken.None));
        Assert.True(await Connections.TryMoveAsync("c-1", ConnectionStatus.Pending, ConnectionStatus.Exchanging, CancellationToken.None));

        connection.Status = ConnectionStatus.Exchanging;
        PropertyAssert.Same(connection, await Connections.GetAsync("c-1", CancellationToken.None));
        PropertyAssert.Same(connection, await Connections.FindByStateAsync("s-1", CancellationToken.None));
    }

    [Fact]
    public async Task Of_callbacks_racing_to_move_one_connection_exactly_one_wins()
    {
        await Connections.AddAsync(Populated.Connection("c-1", "s-1"), CancellationToken.None);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Connections.TryMoveAsync("c-1", ConnectionStatus.Pending, ConnectionStatus.Exchanging, CancellationToken.None);
        })).ToList();
        start.SetResult();

        Assert.Single(await Task.WhenAll(racers), won => won);
    }

    [Fact]
    public async Task An_update_replaces_the_stored_connection_and_a_second_with_a_stored_state_is_refused()
    {
        var connection = Populated.Connection("c-1", "s-1");
        await Connections.AddAsync(connection, CancellationToken.None);
        connection.Status = ConnectionStatus.Failed;
        connection.Candidates.Clear();

        await Connections.UpdateAsync(connection, CancellationToken.None);

        PropertyAssert.Same(connection, await Connections.GetAsync("c-1", CancellationToken.None));
        await Assert.ThrowsAsync<DuplicateKeyException>(() => Connections.AddAsync(Populated.Connection("c-2", "s-1"), CancellationToken.None));
        Assert.Null(await Connections.GetAsync("c-2", CancellationToken.None));
    }
}

public sealed class AccountConnectionStoreOnLiteDb : AccountConnectionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class AccountConnectionStoreOnPostgreSql : AccountConnectionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
