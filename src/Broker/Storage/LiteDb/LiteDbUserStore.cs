using Broker.Access;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbUserStore : LiteDbCollection<User>, IUserStore
{
    public LiteDbUserStore(BrokerDatabase database)
        : base(database, "users")
    {
        Database.Write(() => Collection.EnsureIndex(u => u.TokenHash, unique: true));
    }

    public Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(Exact(Collection.FindOne(u => u.TokenHash == tokenHash), u => u.TokenHash, tokenHash));

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(Collection.Count() > 0);

    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<User>>(Collection.FindAll().OrderBy(u => u.CreatedAt).ToList());
}
