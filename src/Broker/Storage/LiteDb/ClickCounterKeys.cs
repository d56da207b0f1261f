using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Gives the click counters written before they kept their link's key (<see cref="ClickCounters.Key"/>) that key, a
/// chunk per write turn, in the background of a start (<see cref="ClickBatchUpgrade"/>); a start killed halfway goes on
/// at the next. Until none is left without it, share lists read the counters by code, as before.
/// </summary>
internal static class ClickCounterKeys
{
    private const int PerStep = 1_000;

    /// <summary>Whether every counter has its key.</summary>
    public static bool IsDone(BrokerDatabase database) => !database.Collection<BsonDocument>(ClickCounters.Name).Exists(Unkeyed);

    /// <summary>Keys the next chunk of counters; true once none is left without its key.</summary>
    public static bool Step(BrokerDatabase database) => database.Write(() =>
    {
        var counts = database.Collection<BsonDocument>(ClickCounters.Name);
        var chunk = counts.Find(Unkeyed, 0, PerStep).ToList();
        if (chunk.Count == 0)
        {
            return true;
        }

        var counters = new ClickCounters(database);
        foreach (var count in chunk)
        {
            count[ClickCounters.Key] = counters.KeyOf(count["_id"].AsString);
        }

        counts.Update(chunk);
        return chunk.Count < PerStep;
    });

    private static BsonExpression Unkeyed => Query.EQ(ClickCounters.Key, BsonValue.Null);
}
