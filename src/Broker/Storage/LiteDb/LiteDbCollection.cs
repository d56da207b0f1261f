using System.Linq.Expressions;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>The few collection operations every LiteDB store shares, as tasks so stores keep an async shape.</summary>
internal abstract class LiteDbCollection<T>(BrokerDatabase database, string name)
    where T : class
{
    protected BrokerDatabase Database { get; } = database;

    protected ILiteCollection<T> Collection { get; } = database.Collection<T>(name);

    /// <summary>The same collection, untyped: for writes of documents made before their turn.</summary>
    protected ILiteCollection<BsonDocument> Documents { get; } = database.Collection<BsonDocument>(name);

    /// <summary>The entity whose id is exactly <paramref name="id"/> (see <see cref="Exact"/>), else <see langword="null"/>.</summary>
    public Task<T?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Get(id));

    /// <inheritdoc cref="GetAsync"/>
    protected T? Get(string id) =>
        Documents.FindById(id) is { } found && Exact(found["_id"], id) ? Database.Database.Mapper.ToObject<T>(found) : null;

    /// <summary>
    /// The entity <paramref name="id"/> among the working rows or, once archived, in <paramref name="archive"/>. The working
    /// rows are read again after an archive miss: a restore (<see cref="LiteDbArchiveStore.RestoreAsync"/>, one
    /// transaction) that commits between the first two reads would hide the entity from both (two editors retracting an
    /// archived item at once: the loser got 404 instead of 409).
    /// </summary>
    protected async Task<T?> GetHereOrArchivedAsync(string id, string archive, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken)
        ?? LiteDbArchiveStore.Find<T>(Database, archive, id)
        ?? await GetAsync(id, cancellationToken);

    /// <summary>
    /// Whether a key LiteDB found is <paramref name="wanted"/> itself, compared ordinally. Files made before the broker
    /// chose an ordinal collation keep LiteDB's default in their header, which ignores case: there "ABC" finds "abc".
    /// Every look-up by an id, a code or another unique key checks what it found with this.
    /// </summary>
    internal static bool Exact(BsonValue found, string wanted) => found.IsString && string.Equals(found.AsString, wanted, StringComparison.Ordinal);

    /// <inheritdoc cref="Exact(BsonValue, string)"/>
    internal static TFound? Exact<TFound>(TFound? found, Func<TFound, string> key, string wanted)
        where TFound : class =>
        found is not null && string.Equals(key(found), wanted, StringComparison.Ordinal) ? found : null;

    /// <summary>
    /// Inserts <paramref name="entity"/> as it is now: it is turned into a document on the caller's thread, so later
    /// changes to it cannot reach the queued write, and the shared writer spends its turn on the database only.
    /// </summary>
    public Task AddAsync(T entity, CancellationToken cancellationToken)
    {
        var document = Database.Database.Mapper.ToDocument(entity);
        if (document["_id"].IsNull)
        {
            return Database.WriteAsync(() => Collection.Insert(entity)); // LiteDB assigns the id to the entity
        }

        return LiteDbDuplicates.RefusedAsDuplicate(Database.WriteAsync(() => Documents.Insert(document)));
    }

    /// <summary>Replaces the stored document with <paramref name="entity"/> as it is now (see <see cref="AddAsync"/>).</summary>
    public async Task UpdateAsync(T entity, CancellationToken cancellationToken)
    {
        var document = Database.Database.Mapper.ToDocument(entity);
        if (!await Database.WriteAsync(() => Documents.Update(document)))
        {
            throw new InvalidOperationException($"No {typeof(T).Name} to update with that id.");
        }
    }

    /// <summary>Creates an index if it is missing (a write, so it takes its turn).</summary>
    protected void Index<TKey>(Expression<Func<T, TKey>> key) => Database.Write(() => Collection.EnsureIndex(key));

    protected Task<IReadOnlyList<T>> FindAsync(Expression<Func<T, bool>> predicate) =>
        Task.FromResult<IReadOnlyList<T>>(Collection.Find(predicate).ToList());
}
