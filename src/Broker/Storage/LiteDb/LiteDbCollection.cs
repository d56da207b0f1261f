using System.Linq.Expressions;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>The few collection operations every LiteDB store shares, as tasks so stores keep an async shape.</summary>
internal abstract class LiteDbCollection<T>(BrokerDatabase database, string name)
    where T : class
{
    protected BrokerDatabase Database { get; } = database;

    protected ILiteCollection<T> Collection { get; } = database.Collection<T>(name);

    public Task<T?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<T?>(Collection.FindById(id));

    public Task AddAsync(T entity, CancellationToken cancellationToken) => Database.WriteAsync(() => Collection.Insert(entity));

    public async Task UpdateAsync(T entity, CancellationToken cancellationToken)
    {
        if (!await Database.WriteAsync(() => Collection.Update(entity)))
        {
            throw new InvalidOperationException($"No {typeof(T).Name} to update with that id.");
        }
    }

    /// <summary>Creates an index if it is missing (a write, so it takes its turn).</summary>
    protected void Index<TKey>(Expression<Func<T, TKey>> key) => Database.Write(() => Collection.EnsureIndex(key));

    protected Task<IReadOnlyList<T>> FindAsync(Expression<Func<T, bool>> predicate) =>
        Task.FromResult<IReadOnlyList<T>>(Collection.Find(predicate).ToList());
}
