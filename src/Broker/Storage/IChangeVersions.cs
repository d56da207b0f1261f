namespace Broker.Storage;

/// <summary>
/// How far the committed changes of some collections have come: a number that grows after each commit that wrote to any
/// of them, and stays while none does. Taken before a read, it names the data that read saw at the least; an answer
/// made from that read may be given again while the number has not moved (<see cref="Intake.ItemListCache"/>). Only
/// where this process makes every write (LiteDB): with several nodes a write elsewhere would not move it, so the
/// PostgreSQL provider registers none.
/// </summary>
public interface IChangeVersions
{
    /// <summary>The version of <paramref name="collections"/> together (store names, e.g. <c>items</c>).</summary>
    long Of(IReadOnlyList<string> collections);
}
