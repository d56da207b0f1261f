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
        // A parameterised expression (LiteDbFilter: compiled once): a lambda is translated and parsed again on every call,
        // and every API request and page is signed in through here.
        Task.FromResult(Exact(Collection.FindOne(LiteDbFilter.Of($"$.{nameof(User.TokenHash)} = {{0}}", tokenHash).ToExpression()), u => u.TokenHash, tokenHash));

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(Collection.Count() > 0);

    // The count and the insert in one turn of the single writer (and one transaction): no other write comes between them.
    public Task<bool> AddFirstAsync(User user, CancellationToken cancellationToken)
    {
        var document = Database.Database.Mapper.ToDocument(user);
        return LiteDbDuplicates.RefusedAsDuplicate(Database.WriteAsync(() => Collection.Count() == 0 && Documents.Insert(document) is not null));
    }

    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<User>>(Collection.FindAll().OrderBy(u => u.CreatedAt).ToList());
}
