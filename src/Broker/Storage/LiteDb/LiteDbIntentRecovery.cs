namespace Broker.Storage.LiteDb;

/// <summary>The file journal beside the LiteDB file: its intents are let go only after a checkpoint put the marks on disk.</summary>
internal sealed class LiteDbIntentRecovery(IntentJournal journal, BrokerDatabase database) : IIntentRecovery
{
    public IReadOnlySet<string> ReadAll() => journal.ReadAll();

    public void Settle(IReadOnlyCollection<string> unfinished)
    {
        // A LiteDB commit is not durable when it returns: the reconcile marks reach the data file (and the disk) first.
        try
        {
            database.Checkpoint();
        }
        catch (CheckpointPostponedException)
        {
            return; // the journal stays whole until a later compaction has the marks on disk
        }

        journal.Compact(unfinished);
    }
}
