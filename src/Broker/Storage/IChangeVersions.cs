namespace Broker.Storage;

/// <summary>What a kept answer may be read from, for <see cref="IChangeVersions"/>.</summary>
public enum ChangedData
{
    Items,
    Deliveries,
    ArchivedDeliveries,
}

/// <summary>
/// How far the committed changes of some stored data have come: a number that grows after each commit that wrote to any
/// of them, and stays while none does. Taken before a read, it names the data that read saw at the least; an answer
/// made from that read may be given again while the number has not moved (<see cref="Intake.ItemListCache"/>). Only
/// where this process makes every write (LiteDB, which maps each kind of data to its collections): with several nodes a
/// write elsewhere would not move it, so the PostgreSQL provider registers none.
/// </summary>
public interface IChangeVersions
{
    /// <summary>The version of <paramref name="data"/> together.</summary>
    long Of(IReadOnlyList<ChangedData> data);
}
