using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// One roll-up of a day's clicks on LiteDB, inside the caller's transaction: the day's batches are read, the rows of up to
/// a bounded number of links are taken out of them (a batch left empty is deleted, one that keeps rows of another day or
/// link is rewritten), and each link's counts are added to its day document (<c>clickdays</c>) and moved in its counters
/// (<see cref="ClickCounters"/>) from raw to rolled up.
/// </summary>
internal sealed class ClickDayRollUp(
    ILiteCollection<BsonDocument> batches, ILiteCollection<BsonDocument> days, ILiteCollection<ShareLink> links, ClickCounters counters)
{
    private readonly Dictionary<string, Tally> tallies = new(StringComparer.Ordinal);

    public int Run(DateOnly day, DateTimeOffset from, DateTimeOffset to, int maxLinks)
    {
        var found = batches.Find(LiteDbFilter.Of("$.To >= {0}", from.UtcDateTime).And("$.From < {0}", to.UtcDateTime).ToExpression()).ToList();
        Choose(found, from, to, maxLinks);
        var purged = 0;
        foreach (var batch in found)
        {
            purged += TakeOut(batch, from, to);
        }

        foreach (var (code, tally) in tallies)
        {
            AddTo(day, code, tally);
            counters.RolledUp(code, tally.Visitors.Count, tally.Visitors);
        }

        return purged;
    }

    /// <summary>The first <paramref name="maxLinks"/> links with clicks in the day, in the order the batches hold them.</summary>
    private void Choose(List<BsonDocument> found, DateTimeOffset from, DateTimeOffset to, int maxLinks)
    {
        Span<char> code = stackalloc char[ShareCodes.Length];
        foreach (var rows in found.Select(ClickRows.RowsOf))
        {
            for (var i = 0; i < ClickRows.CountOf(rows) && tallies.Count < maxLinks; i++)
            {
                if (ClickRows.AtOf(rows, i) is var at && at >= from && at < to)
                {
                    ClickRows.CodeOf(rows, i, code);
                    tallies.TryAdd(new string(code), new Tally());
                }
            }
        }
    }

    /// <summary>Counts and removes the batch's rows of the chosen links in the day; returns how many.</summary>
    private int TakeOut(BsonDocument batch, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = ClickRows.RowsOf(batch);
        var kept = new List<int>(ClickRows.CountOf(rows));
        Span<char> code = stackalloc char[ShareCodes.Length];
        var lookup = tallies.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < ClickRows.CountOf(rows); i++)
        {
            ClickRows.CodeOf(rows, i, code);
            if (ClickRows.AtOf(rows, i) is var at && at >= from && at < to && lookup.TryGetValue(code, out var tally))
            {
                tally.Add(ClickRows.ChannelNumberOf(rows, i), ClickRows.VisitorOf(rows, i));
            }
            else
            {
                kept.Add(i);
            }
        }

        var taken = ClickRows.CountOf(rows) - kept.Count;
        if (kept.Count == 0)
        {
            batches.Delete(batch["_id"]);
        }
        else if (taken > 0)
        {
            batches.Update(ClickRows.Keep(batch, kept));
        }

        return taken;
    }

    private void AddTo(DateOnly day, string code, Tally tally)
    {
        var id = $"{day:yyyy-MM-dd}/{code}";
        var document = days.FindById(id);
        if (document is null)
        {
            var link = links.FindById(code);
            document = new BsonDocument
            {
                ["_id"] = id,
                ["Day"] = day.DayNumber,
                ["Code"] = code,
                ["ItemId"] = link?.ItemId ?? "",
                ["Nip"] = link?.Nip ?? "",
                ["Clicks"] = 0,
                ["Visitors"] = 0,
                ["Channels"] = new BsonArray(ShareChannels.All.Select(_ => new BsonValue(0))),
            };
        }

        // Only clicks written late for a day already rolled up meet an existing document; their visitors are added.
        document["Clicks"] = document["Clicks"].AsInt32 + tally.Clicks;
        document["Visitors"] = document["Visitors"].AsInt32 + tally.Visitors.Count;
        var channels = document["Channels"].AsArray;
        for (var n = 0; n < tally.Channels.Length; n++)
        {
            channels[n] = channels[n].AsInt32 + tally.Channels[n];
        }

        days.Upsert(document);
    }

    private sealed class Tally
    {
        public int Clicks { get; private set; }

        /// <summary>Each visitor's clicks.</summary>
        public Dictionary<UInt128, int> Visitors { get; } = [];

        public int[] Channels { get; } = new int[ShareChannels.All.Count];

        public void Add(int channel, UInt128 visitor)
        {
            Clicks++;
            Visitors[visitor] = Visitors.GetValueOrDefault(visitor) + 1;
            Channels[channel]++;
        }
    }
}
