using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Per-link click counters on LiteDB, written inside the caller's write and transaction (the click batch's, or the
/// roll-up's), so a crash leaves the clicks and their counts both or neither. <c>clickcounts</c> holds one document per
/// link: its clicks (raw and rolled up) and its rolled-up days' visitors. <c>clickvisitors</c> holds one document per link
/// and visitor still among the raw clicks, with how many raw clicks they have there: the distinct raw visitors are
/// counted from it, and it forgets a visitor when their last raw click on the link is purged, as the clicks do.
/// </summary>
internal sealed class ClickCounters(BrokerDatabase database)
{
    private const string Clicks = "Clicks";
    private const string RolledVisitors = "RolledVisitors";

    private readonly ILiteCollection<BsonDocument> counts = database.Collection<BsonDocument>("clickcounts");
    private readonly ILiteCollection<BsonDocument> visitors = database.Collection<BsonDocument>("clickvisitors");

    /// <summary>Counts a batch's rows (<see cref="ClickRows"/>).</summary>
    public void Add(byte[] rows)
    {
        var perLink = new Dictionary<string, int>(StringComparer.Ordinal);
        var perVisitor = new Dictionary<string, int>(StringComparer.Ordinal);
        Span<char> code = stackalloc char[ShareCodes.Length];
        for (var i = 0; i < ClickRows.CountOf(rows); i++)
        {
            ClickRows.CodeOf(rows, i, code);
            var link = new string(code);
            perLink[link] = perLink.GetValueOrDefault(link) + 1;
            var key = KeyOf(link, ClickRows.VisitorOf(rows, i));
            perVisitor[key] = perVisitor.GetValueOrDefault(key) + 1;
        }

        foreach (var (link, clicks) in perLink)
        {
            AddTo(link, clicks, 0);
        }

        foreach (var (key, clicks) in perVisitor)
        {
            if (visitors.FindById(key) is { } seen)
            {
                seen[Clicks] = seen[Clicks].AsInt32 + clicks;
                visitors.Update(seen);
            }
            else
            {
                visitors.Insert(new BsonDocument { ["_id"] = key, [Clicks] = clicks });
            }
        }
    }

    /// <summary>Counts a rolled-up day written before the counters existed.</summary>
    public void AddDay(string code, int clicks, int dayVisitors) => AddTo(code, clicks, dayVisitors);

    /// <summary>
    /// A link's raw clicks went into its day: their number stays in the link's clicks, the day's visitors join its rolled-up
    /// visitors, and each visitor's purged clicks leave the raw visitors (the visitor with them, at their last).
    /// </summary>
    public void RolledUp(string code, int dayVisitors, IReadOnlyDictionary<UInt128, int> purged)
    {
        AddTo(code, 0, dayVisitors);
        foreach (var (visitor, clicks) in purged)
        {
            var key = KeyOf(code, visitor);
            if (visitors.FindById(key) is not { } seen)
            {
                continue;
            }

            if (seen[Clicks].AsInt32 <= clicks)
            {
                visitors.Delete(key);
            }
            else
            {
                seen[Clicks] = seen[Clicks].AsInt32 - clicks;
                visitors.Update(seen);
            }
        }
    }

    /// <summary>The counts of these links (one ASN's), per link and over all of them.</summary>
    public AsnClickCounts Read(IEnumerable<string> codes)
    {
        var perLink = new Dictionary<string, ClickCounts>(StringComparer.Ordinal);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var (total, rolled) = (0, 0);
        foreach (var code in codes)
        {
            if (counts.FindById(code) is not { } count)
            {
                continue;
            }

            var raw = visitors.Find(Query.StartsWith("_id", code + "/")).Select(v => v["_id"].AsString).ToList();
            distinct.UnionWith(raw.Select(key => key[(code.Length + 1)..]));
            var (clicks, dayVisitors) = (count[Clicks].AsInt32, count[RolledVisitors].AsInt32);
            perLink[code] = new ClickCounts(clicks, raw.Count + dayVisitors);
            (total, rolled) = (total + clicks, rolled + dayVisitors);
        }

        return new AsnClickCounts(perLink, new ClickCounts(total, distinct.Count + rolled));
    }

    private void AddTo(string code, int clicks, int dayVisitors)
    {
        var count = counts.FindById(code) ?? new BsonDocument { ["_id"] = code, [Clicks] = 0, [RolledVisitors] = 0 };
        count[Clicks] = count[Clicks].AsInt32 + clicks;
        count[RolledVisitors] = count[RolledVisitors].AsInt32 + dayVisitors;
        counts.Upsert(count);
    }

    private static string KeyOf(string code, UInt128 visitor) => $"{code}/{visitor:x32}";
}
