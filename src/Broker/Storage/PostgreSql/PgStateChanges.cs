using Broker.Events;
using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// <see cref="IStateChanges"/> on PostgreSQL, in one round trip: the change's statements go as one batch, which
/// PostgreSQL runs as one implicit transaction. Each update is <c>UPDATE ... SET version = version + 1 WHERE id = @id AND
/// version = @v</c> followed by a check (<c>broker_expect_one</c>) that aborts the batch when it matched no row, so a
/// stale version leaves nothing of the change written: no update, no insert, no audit entry. Of two changes racing over
/// one version, the second waits on the row's lock, then finds it at the next version and matches nothing. The change's
/// events go to the outbox in the same batch, so a refused change writes none (<see cref="PgEventOutbox"/>), and so do the
/// marks of the days whose figures its deliveries change (<see cref="PgDailyFigureStore"/>).
/// </summary>
internal sealed class PgStateChanges(PgDatabase database, OutboxSignal signal, LocalDays? localDays = null) : IStateChanges
{
    private readonly LocalDays days = localDays ?? new LocalDays(TimeZoneInfo.Utc);

    /// <summary>Raised by <c>broker_expect_one</c> (migration 0010) when an update found its row at another version.</summary>
    public const string Stale = "BRK01";

    /// <summary>PostgreSQL's <c>deadlock_detected</c>: two changes took the same rows in opposite orders; the one aborted lost.</summary>
    private const string Deadlock = "40P01";

    public async Task<bool> CommitAsync(StateChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var batch = database.DataSource.CreateBatch();
        Add(batch, change, days);
        if (batch.BatchCommands.Count == 0)
        {
            return true;
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is Stale or Deadlock)
        {
            return false;
        }
        catch (PostgresException ex) when (PgCommands.IsDuplicate(ex))
        {
            throw PgCommands.Duplicate(ex);
        }

        foreach (var item in change.Items)
        {
            item.Version++;
        }

        foreach (var delivery in change.Updates)
        {
            delivery.Version++;
        }

        foreach (var request in change.Requests)
        {
            request.Version++;
        }

        foreach (var account in change.Accounts)
        {
            account.Version++;
        }

        if (change.Events.Count > 0)
        {
            signal.Notify();
        }

        return true;
    }

    // Updates in id order within each table, so two changes over the same rows lock them in the same order.
    private static void Add(NpgsqlBatch batch, StateChange change, LocalDays days)
    {
        foreach (var item in change.NewItems)
        {
            batch.BatchCommands.Add(PgItemStore.Insert(item));
        }

        foreach (var item in change.Items.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(PgItemStore.Update(item));
        }

        foreach (var delivery in change.Updates.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(PgDeliveryStore.Update(delivery));
        }

        foreach (var request in change.Requests.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(PgAmplificationStore.Update(request));
        }

        foreach (var request in change.NewRequests)
        {
            batch.BatchCommands.Add(PgAmplificationStore.Insert(request));
        }

        foreach (var account in change.Accounts.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(PgAccountStore.Update(account));
        }

        if (change.Inserts.Count > 0)
        {
            batch.BatchCommands.Add(PgDeliveryStore.Insert([.. change.Inserts]));
        }

        if (change.Audit.Count > 0)
        {
            batch.BatchCommands.Add(PgAuditLog.Insert([.. change.Audit]));
        }

        if (change.Revisions.Count > 0)
        {
            batch.BatchCommands.Add(PgItemRevisionStore.Insert([.. change.Revisions]));
        }

        // One new mark row per day: an insert, so the commits of a busy day never queue on one row.
        var touched = days.Touched(change);
        if (touched.Count > 0)
        {
            batch.BatchCommands.Add(PgDailyFigureStore.Mark([.. touched]));
        }

        // Last: the events' rows are written only once every check of the change has passed.
        if (change.Events.Count > 0)
        {
            batch.BatchCommands.Add(PgEventOutbox.Insert([.. change.Events]));
        }
    }
}
