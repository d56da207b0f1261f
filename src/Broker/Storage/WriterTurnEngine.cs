using LiteDB;
using LiteDB.Engine;

namespace Broker.Storage;

/// <summary>
/// The LiteDB engine as the broker's <see cref="LiteDatabase"/> sees it: reads pass freely, and every write (a document
/// change, an index, a collection, a transaction, a checkpoint, a pragma set) must be made inside the single writer's
/// turn (<see cref="BrokerDatabase.Write{T}(Func{T})"/> or the group commit), else it fails at once, naming itself. So a
/// store cannot write beside the writer, which is how litedb #2825 corrupts a file, or skip the fsync that follows each
/// turn. After a failed fsync (<see cref="FailStop"/>) no change is let through at all.
/// <para>
/// Each write moves its collection's version (<see cref="LiteDb.CollectionVersions"/>) once it is committed: at once
/// for a write that commits itself, and again at the <c>Commit</c> of an explicit transaction for every collection it
/// wrote (an early move only costs a cached answer). The collections written since the last commit are kept here,
/// which needs no lock: every write is in the single writer's turn.
/// </para>
/// </summary>
internal sealed class WriterTurnEngine(ILiteEngine engine, Func<bool> inWritersTurn, FailStop failStop, LiteDb.CollectionVersions versions) : ILiteEngine
{
    private readonly HashSet<string> written = new(StringComparer.OrdinalIgnoreCase);

    public IBsonDataReader Query(string collection, Query query) => engine.Query(collection, query);

    public BsonValue Pragma(string name) => engine.Pragma(name);

    public bool BeginTrans() => InTurn(nameof(BeginTrans), engine.BeginTrans);

    public bool Commit() => InTurn(nameof(Commit), () => Ended(engine.Commit));

    public bool Rollback() => InTurn(nameof(Rollback), () => Ended(engine.Rollback));

    public int Checkpoint() => Change(nameof(Checkpoint), engine.Checkpoint);

    public long Rebuild(RebuildOptions options) => Change(nameof(Rebuild), () =>
    {
        try
        {
            return engine.Rebuild(options);
        }
        finally
        {
            versions.MovedAll();
        }
    });

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) =>
        Written(nameof(Insert), collection, () => engine.Insert(collection, docs, autoId));

    public int Update(string collection, IEnumerable<BsonDocument> docs) => Written(nameof(Update), collection, () => engine.Update(collection, docs));

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) =>
        Written(nameof(UpdateMany), collection, () => engine.UpdateMany(collection, transform, predicate));

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) =>
        Written(nameof(Upsert), collection, () => engine.Upsert(collection, docs, autoId));

    public int Delete(string collection, IEnumerable<BsonValue> ids) => Written(nameof(Delete), collection, () => engine.Delete(collection, ids));

    public int DeleteMany(string collection, BsonExpression predicate) => Written(nameof(DeleteMany), collection, () => engine.DeleteMany(collection, predicate));

    public bool DropCollection(string name) => Written(nameof(DropCollection), name, () => engine.DropCollection(name));

    public bool RenameCollection(string name, string newName) =>
        Written(nameof(RenameCollection), newName, () => Written(nameof(RenameCollection), name, () => engine.RenameCollection(name, newName)));

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) =>
        Change(nameof(EnsureIndex), () => engine.EnsureIndex(collection, name, expression, unique));

    public bool DropIndex(string collection, string name) => Change(nameof(DropIndex), () => engine.DropIndex(collection, name));

    public bool Pragma(string name, BsonValue value) => Change(nameof(Pragma), () => engine.Pragma(name, value));

    public void Dispose() => engine.Dispose();

    /// <summary>A change to one collection's documents: its version moves after it (committed, unless in a transaction).</summary>
    private T Written<T>(string operation, string collection, Func<T> change) => Change(operation, () =>
    {
        written.Add(collection);
        try
        {
            return change();
        }
        finally
        {
            versions.Moved(collection);
        }
    });

    /// <summary>A transaction's end: every collection written since the last one has its version moved after it.</summary>
    private bool Ended(Func<bool> end)
    {
        try
        {
            return end();
        }
        finally
        {
            foreach (var collection in written)
            {
                versions.Moved(collection);
            }

            written.Clear();
        }
    }

    /// <summary>A change to the database: in the writer's turn, and never after a failed fsync.</summary>
    private T Change<T>(string operation, Func<T> change)
    {
        failStop.ThrowIfTripped();
        return InTurn(operation, change);
    }

    /// <summary>Transactions may end after a failed fsync (a batch rolls back), but only in the writer's turn.</summary>
    private T InTurn<T>(string operation, Func<T> write)
    {
        if (!inWritersTurn())
        {
            throw new InvalidOperationException(
                $"LiteDB {operation} outside the single writer: every write goes through BrokerDatabase.Write or WriteAsync, "
                + "which serialise writes (litedb #2825) and force them to disk.");
        }

        return write();
    }
}
