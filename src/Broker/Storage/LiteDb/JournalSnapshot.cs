namespace Broker.Storage.LiteDb;

/// <summary>
/// The ids an <see cref="IntentJournal"/> held when it was read, the length of the file they fill, and which rewrite of
/// the file that was: what a compaction beside new records needs to keep those records.
/// </summary>
public sealed record JournalSnapshot(IReadOnlySet<string> Ids, long Length, long Generation);
