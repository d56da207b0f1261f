namespace Broker.Storage;

/// <summary>
/// The intent journal as start-up recovery on one node reads it and lets it go: the deliveries a crash may have cut off
/// in their platform call, and, once recovery's reconcile marks are stored, the forgetting of all but the unfinished
/// ones. Only the provider knows when its stored marks are on disk (LiteDB: after a checkpoint), so it decides when the
/// journal may shrink. On PostgreSQL the intents are claim rows and the cluster's recovery plan reads them instead.
/// </summary>
internal interface IIntentRecovery
{
    /// <summary>The deliveries named in the journal: each may have reached its platform.</summary>
    IReadOnlySet<string> ReadAll();

    /// <summary>
    /// Lets the journal keep only <paramref name="unfinished"/>, once every mark stored so far is on disk; when the store
    /// cannot make them durable now, the journal stays whole until a later compaction.
    /// </summary>
    void Settle(IReadOnlyCollection<string> unfinished);
}
