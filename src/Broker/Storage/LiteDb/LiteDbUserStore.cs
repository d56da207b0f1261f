using Broker.Access;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbUserStore : LiteDbCollection<User>, IUserStore
{
    public const string Name = "users";

    private readonly KeptLookups<User> byToken;

    private readonly KeptLookups<User> byId;

    public LiteDbUserStore(BrokerDatabase database)
        : base(database, Name)
    {
        Database.Write(() => Collection.EnsureIndex(u => u.TokenHash, unique: true));
        byToken = new KeptLookups<User>(database, Name);
        byId = new KeptLookups<User>(database, Name);
    }

    /// <summary>
    /// Every API request signs in through here, so the users found are kept per version of the collection
    /// (<see cref="KeptLookups{T}"/>): a request costs a copy, not a read that waits its turn on the engine behind the
    /// request's own reads. A revocation or a rotated token moves the version, and the next request reads afresh.
    /// </summary>
    public Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        // A parameterised expression (LiteDbFilter: compiled once): a lambda is translated and parsed again on every call.
        Task.FromResult(byToken.Find(tokenHash, hash => Exact(Collection.FindOne(LiteDbFilter.Of($"$.{nameof(User.TokenHash)} = {{0}}", hash).ToExpression()), u => u.TokenHash, hash))?.Copy());

    /// <summary>Every page request's cookie is checked against its user through here; kept as <see cref="FindByTokenHashAsync"/>.</summary>
    Task<User?> IUserStore.GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(byId.Find(id, Get)?.Copy());

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
