using Broker.Accounts.Connect;
using Broker.Storage;
using Broker.Storage.PostgreSql;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AccountConnectionStoreContract : StoreContract
{
    [Fact]
    public async Task A_connection_is_found_by_its_id_and_its_exact_state_and_moves_once_between_statuses()
    {
        var connections = Store();
        await connections.AddAsync(Connection("c1", "state-abc"), CancellationToken.None);

        Assert.Equal("c1", (await connections.FindByStateAsync("state-abc", CancellationToken.None))?.Id);
        Assert.Null(await connections.FindByStateAsync("STATE-ABC", CancellationToken.None));
        var moves = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => connections.TryMoveAsync("c1", ConnectionStatus.Pending, ConnectionStatus.Exchanging, CancellationToken.None)));
        Assert.Single(moves, moved => moved);
        Assert.False(await connections.TryMoveAsync("missing", ConnectionStatus.Pending, ConnectionStatus.Exchanging, CancellationToken.None));

        var stored = (await connections.GetAsync("c1", CancellationToken.None))!;
        Assert.Equal(ConnectionStatus.Exchanging, stored.Status);
        stored.Status = ConnectionStatus.Ready;
        stored.Error = "none";
        await connections.UpdateAsync(stored, CancellationToken.None);
        var updated = (await connections.GetAsync("c1", CancellationToken.None))!;
        Assert.Equal((ConnectionStatus.Ready, "none"), (updated.Status, updated.Error));
        await Assert.ThrowsAsync<DuplicateKeyException>(() => connections.AddAsync(Connection("c2", "state-abc"), CancellationToken.None));
    }

    protected abstract IAccountConnectionStore Store();

    private static AccountConnection Connection(string id, string state) => new()
    {
        Id = id,
        State = state,
        CodeVerifier = "verifier",
        Platform = "facebook",
        Opd = "diskominfo",
        RedirectUri = "https://broker.example/connect/callback",
        StartedBy = "editor",
        Status = ConnectionStatus.Pending,
    };
}

public sealed class AccountConnectionStoreOnLiteDb : AccountConnectionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;

    protected override IAccountConnectionStore Store() => new LiteDbAccountConnectionStore(Get<BrokerDatabase>());
}

public sealed class AccountConnectionStoreOnPostgreSql : AccountConnectionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;

    protected override IAccountConnectionStore Store() => new PgAccountConnectionStore(Get<PgDatabase>());
}
