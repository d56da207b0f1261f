namespace Broker.Dispatch;

/// <summary>
/// Turns for the changes to an account's holds: holding its deliveries for re-authorisation and replacing its credentials
/// (which resumes them) never interleave, so a delivery is never held just after new credentials resumed the account's
/// holds, where nothing would resume it again. In one process (LiteDB) a lock; across nodes (PostgreSQL) an advisory
/// lock per account in the database.
/// </summary>
public interface IAccountTurns
{
    /// <summary>Waits for account <paramref name="accountId"/>'s turn; disposing the answer ends it.</summary>
    Task<IAsyncDisposable> TakeAsync(string accountId, CancellationToken cancellationToken);
}
