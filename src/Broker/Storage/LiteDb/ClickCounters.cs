using System.Buffers.Binary;
using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Per-link click counters on LiteDB, written inside the caller's write and transaction (the click batch's, or the
/// roll-up's), so a crash leaves the clicks and their counts both or neither. One document per link in
/// <c>clickcounts</c>: its clicks (raw and rolled up), its rolled-up days' visitors, and the distinct visitors still among
/// its raw clicks, each with how many raw clicks they have there, packed in one binary field (20 bytes each: the hash,
/// then the count). A visitor leaves it with their last raw click on the link, so the retention still forgets them.
/// One document per link rather than per link and visitor: a batch then writes a document per link it touches (with a
/// document per visitor, the contract test writing 50,000 clicks on two links took 13 s instead of 1 s, on a loaded
/// machine); LiteDB's 16 MB document bound is reached only past about 800,000 visitors on one ASN's link within the
/// retention.
/// <para>
/// Each document also keeps its link's key (<see cref="ShareLink.Key"/>: the ASN's NIP, then the item), indexed, so an
/// ASN's counters are one range of that index (<see cref="ReadOf"/>) rather than a search from the head of the code
/// index per link (about 20 KB of index nodes each, found or not). A counter written before the key gets it from its
/// next write, or from the start's upgrade (<see cref="ClickCounterKeys"/>).
/// </para>
/// </summary>
internal sealed class ClickCounters(BrokerDatabase database)
{
    /// <summary>The collection's name.</summary>
    public const string Name = "clickcounts";

    /// <summary>The field (and index) of the link's key.</summary>
    public const string Key = "Key";

    private const string Clicks = "Clicks";
    private const string RolledVisitors = "RolledVisitors";
    private const string Visitors = "Visitors";
    private const int EntrySize = 20;

    private readonly ILiteCollection<BsonDocument> counts = database.Collection<BsonDocument>(Name);
    private readonly ILiteCollection<BsonDocument> links = database.Collection<BsonDocument>("sharelinks");

    /// <summary>Counts a batch's rows (<see cref="ClickRows"/>).</summary>
    public void Add(byte[] rows)
    {
        var perLink = new Dictionary<string, Dictionary<UInt128, int>>(StringComparer.Ordinal);
        Span<char> code = stackalloc char[ShareCodes.Length];
        for (var i = 0; i < ClickRows.CountOf(rows); i++)
        {
            ClickRows.CodeOf(rows, i, code);
            if (!perLink.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out var visitors))
            {
                perLink.Add(new string(code), visitors = []);
            }

            var visitor = ClickRows.VisitorOf(rows, i);
            visitors[visitor] = visitors.GetValueOrDefault(visitor) + 1;
        }

        foreach (var (link, clicks) in perLink)
        {
            var count = Of(link);
            var visitors = VisitorsOf(count);
            foreach (var (visitor, n) in clicks)
            {
                visitors[visitor] = visitors.GetValueOrDefault(visitor) + n;
            }

            count[Clicks] = count[Clicks].AsInt32 + clicks.Values.Sum();
            Save(count, visitors);
        }
    }

    /// <summary>Counts a rolled-up day written before the counters existed.</summary>
    public void AddDay(string code, int clicks, int dayVisitors)
    {
        var count = Of(code);
        count[Clicks] = count[Clicks].AsInt32 + clicks;
        count[RolledVisitors] = count[RolledVisitors].AsInt32 + dayVisitors;
        counts.Upsert(count);
    }

    /// <summary>
    /// A link's raw clicks went into its day: their number stays in the link's clicks, the day's visitors join its rolled-up
    /// visitors, and each visitor's purged clicks leave the raw visitors (the visitor with them, at their last).
    /// </summary>
    public void RolledUp(string code, int dayVisitors, IReadOnlyDictionary<UInt128, int> purged)
    {
        var count = Of(code);
        var visitors = VisitorsOf(count);
        foreach (var (visitor, clicks) in purged)
        {
            if (visitors.TryGetValue(visitor, out var held) && held > clicks)
            {
                visitors[visitor] = held - clicks;
            }
            else
            {
                visitors.Remove(visitor);
            }
        }

        count[RolledVisitors] = count[RolledVisitors].AsInt32 + dayVisitors;
        Save(count, visitors);
    }

    /// <summary>The counts of these links (one ASN's), per link and over all of them, each looked up by its code.</summary>
    public AsnClickCounts Read(IEnumerable<string> codes) =>
        Tally(LiteDbFilter.FindExact(codes, "$._id", filter => counts.Find(filter), d => d["_id"].AsString));

    /// <summary>
    /// The counts of ASN <paramref name="nip"/>'s links <paramref name="codes"/>, read as one range of the key index; only
    /// once every counter has its key (<see cref="ClickCounterKeys.IsDone"/>).
    /// </summary>
    public AsnClickCounts ReadOf(string nip, IReadOnlyCollection<string> codes)
    {
        var owned = codes.ToHashSet(StringComparer.Ordinal);
        var prefix = ShareLink.KeyOf(nip, "");
        var range = counts.Find(LiteDbFilter.Of($"$.{Key} BETWEEN {{0}} AND {{1}}", prefix, prefix + char.MaxValue).ToExpression());
        return Tally(range.Where(c => owned.Contains(c["_id"].AsString)));
    }

    /// <summary>The key counter <paramref name="code"/> is kept under: its link's, or empty when the link is gone.</summary>
    public BsonValue KeyOf(string code) =>
        links.FindById(code) is { } link && string.Equals(link["_id"].AsString, code, StringComparison.Ordinal) ? link[Key] : string.Empty;

    private static AsnClickCounts Tally(IEnumerable<BsonDocument> found)
    {
        var perLink = new Dictionary<string, ClickCounts>(StringComparer.Ordinal);
        var distinct = new HashSet<UInt128>();
        var (total, rolled) = (0, 0);
        foreach (var count in found)
        {
            var code = count["_id"].AsString;
            var raw = count[Visitors].AsBinary;
            for (var at = 0; at < raw.Length; at += EntrySize)
            {
                distinct.Add(BinaryPrimitives.ReadUInt128BigEndian(raw.AsSpan(at, 16)));
            }

            var (clicks, dayVisitors) = (count[Clicks].AsInt32, count[RolledVisitors].AsInt32);
            perLink[code] = new ClickCounts(clicks, (raw.Length / EntrySize) + dayVisitors);
            (total, rolled) = (total + clicks, rolled + dayVisitors);
        }

        return new AsnClickCounts(perLink, new ClickCounts(total, distinct.Count + rolled));
    }

    // A counter written before the key gets it here, so once the upgrade is done every write keeps the keys whole.
    private BsonDocument Of(string code)
    {
        if (counts.FindById(code) is not { } count)
        {
            return new BsonDocument { ["_id"] = code, [Clicks] = 0, [RolledVisitors] = 0, [Visitors] = Array.Empty<byte>(), [Key] = KeyOf(code) };
        }

        if (!count.TryGetValue(Key, out var key) || key.IsNull)
        {
            count[Key] = KeyOf(code);
        }

        return count;
    }

    private static Dictionary<UInt128, int> VisitorsOf(BsonDocument count)
    {
        var raw = count[Visitors].AsBinary;
        var visitors = new Dictionary<UInt128, int>(raw.Length / EntrySize);
        for (var at = 0; at < raw.Length; at += EntrySize)
        {
            visitors.Add(BinaryPrimitives.ReadUInt128BigEndian(raw.AsSpan(at, 16)), BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(at + 16, 4)));
        }

        return visitors;
    }

    private void Save(BsonDocument count, Dictionary<UInt128, int> visitors)
    {
        var raw = new byte[visitors.Count * EntrySize];
        var at = 0;
        foreach (var (visitor, clicks) in visitors)
        {
            BinaryPrimitives.WriteUInt128BigEndian(raw.AsSpan(at, 16), visitor);
            BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(at + 16, 4), clicks);
            at += EntrySize;
        }

        count[Visitors] = raw;
        counts.Upsert(count);
    }
}
