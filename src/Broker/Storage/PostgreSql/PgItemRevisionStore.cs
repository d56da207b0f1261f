using Broker.Intake;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>Item revisions in <c>item_revisions</c> (migration 0181); inserted only by <see cref="PgStateChanges"/>.</summary>
internal sealed class PgItemRevisionStore(PgDatabase database) : IItemRevisionStore
{
    private const string InsertMany = """
        INSERT INTO item_revisions (id, item_id, item_version, doc)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::jsonb[])
        """;

    public Task<IReadOnlyList<ItemRevision>> ListAsync(string itemId, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM item_revisions WHERE item_id = $1 ORDER BY item_version",
            r => Read(r, 0, PgJsonContext.Default.ItemRevision),
            cancellationToken,
            Value(itemId));

    public Task<IReadOnlyList<ItemRevision>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM item_revisions WHERE item_id = ANY($1) ORDER BY item_id, item_version",
            r => Read(r, 0, PgJsonContext.Default.ItemRevision),
            cancellationToken,
            Value(itemIds.ToArray()));

    /// <summary>The insert of a state change's revisions, in one statement of its batch.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyCollection<ItemRevision> revisions)
    {
        var command = new NpgsqlBatchCommand(InsertMany);
        command.Parameters.Add(Value(revisions.Select(r => r.Id).ToArray()));
        command.Parameters.Add(Value(revisions.Select(r => r.ItemId).ToArray()));
        command.Parameters.Add(Value(revisions.Select(r => r.ItemVersion).ToArray()));
        command.Parameters.Add(Documents(revisions, PgJsonContext.Default.ItemRevision));
        return command;
    }
}
