#if !ON_POSTGRESQL
using System.Buffers.Binary;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// A LiteDB file written before the click batches named their codes and dates and before the click counters, upgraded by
/// the broker as its own process (<see cref="ClickBatchUpgrade"/>) and killed with SIGKILL inside each part of the upgrade
/// in turn: after each kill every chunk is there whole or not at all (the batches up to the part's progress marker have
/// the field and none after it has; the counters hold the clicks up to theirs, none twice), and once a last start has
/// finished, the figures the readers give by the new fields and the counters are the ones they gave the old way before.
/// </summary>
public sealed class ClickBatchUpgradeKillTests(ITestOutputHelper output)
{
    // 16 chunks of ClickBatchFields' 50 batches for each field, 16 steps of the counters' 5,000 clicks: a kill once a
    // part has logged its first step lands before its last.
    private const int Batches = 800;
    private const int ClicksPerBatch = 100;
    private const int Visitors = 1_000;
    private const int Days = 4;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>8 ASN of two OPDs, each with a link on 3 of 6 items.</summary>
    private static readonly ShareLink[] Links =
    [
        .. Enumerable.Range(0, 8).SelectMany(a => Enumerable.Range(0, 3).Select(k => new ShareLink
        {
            Id = $"KillA{a:D2}K{k:D2}",
            Key = ShareLink.KeyOf(Nip(a), Item((a + k) % 6)),
            Nip = Nip(a),
            ItemId = Item((a + k) % 6),
            Opd = a % 2 == 0 ? "dinkes" : "dishub",
            CreatedAt = TimeProvider.System.GetUtcNow().AddDays(-30),
        })),
    ];

    [Fact]
    public async Task Killing_the_broker_in_each_part_of_the_click_batch_upgrade_loses_and_doubles_no_click_and_a_later_start_finishes_it()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var file = new ScratchDatabase("broker-click-upgrade-kill-");
        var path = file.Options.Value.DatabasePath;
        var first = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(-Days - 1);
        await SeedAsync(file, first);

        List<string> before;
        using (var database = file.Open())
        {
            var store = new LiteDbClickStore(database);
            Assert.False(ClickBatchFields.Codes.IsDone(database) || ClickBatchFields.Days.IsDone(database) || ClickCounterBackfill.IsBuilt(database));
            before = await FiguresAsync(store, first);
        }

        await using var broker = BrokerProcess.OnSandbox(Path.GetDirectoryName(path)!, sandbox, new()
        {
            ["Logging__LogLevel__Broker.Storage.LiteDb.ClickBatchUpgrade"] = "Debug",

            // A pause between steps holds each part open for about three seconds: the kill, sent once the test has read
            // a part's first step in the broker's log, lands inside it on a loaded machine too (without one, a part's 16
            // steps were once all written before the kill arrived).
            ["Storage__UpgradeStepPause"] = "00:00:00.2",
        });
        try
        {
            await KillAfterAsync(broker, "Added Codes to a chunk");
            var codes = Inspect(path);
            Assert.InRange(codes.Codes, 1, Batches - 1);
            Assert.Equal((false, 0, 0), (codes.CodesDone, codes.Days, codes.Counted));

            await KillAfterAsync(broker, "Added Days to a chunk");
            var days = Inspect(path);
            Assert.Equal((true, Batches), (days.CodesDone, days.Codes));
            Assert.InRange(days.Days, 1, Batches - 1);
            Assert.Equal((false, 0), (days.DaysDone, days.Counted));

            // Its first step counts the rolled-up days and its second finds no more; the next ones count the batches.
            await KillAfterAsync(broker, "Counted a step of the stored clicks into the share links' counters (step 3,");
            var counters = Inspect(path);
            Assert.Equal((true, true), (counters.CodesDone, counters.DaysDone));
            Assert.InRange(counters.Counted, 1, Batches - 1);
            Assert.False(counters.Built);

            await KillAfterAsync(broker, "The share links' click counters are built");
            var done = Inspect(path);
            Assert.Equal((true, Batches, true, Batches, true, Batches), (done.CodesDone, done.Codes, done.DaysDone, done.Days, done.Built, done.Counted));
        }
        finally
        {
            await broker.KillAsync();
        }

        using (var database = file.Open())
        {
            var store = new LiteDbClickStore(database);
            Assert.True(ClickBatchFields.Codes.IsDone(database) && ClickBatchFields.Days.IsDone(database) && ClickCounterBackfill.IsBuilt(database));
            Assert.Equal(before, await FiguresAsync(store, first));
        }
    }

    private static string Nip(int asn) => $"19870315201001{asn:D4}";

    private static string Item(int item) => $"item-{item}";

    /// <summary>
    /// The file as an earlier version left it: a day of clicks rolled up into day documents, then the batches of
    /// <see cref="Days"/> days without codes, dates or counted marks, and no counters and no upgrade markers.
    /// </summary>
    private static async Task SeedAsync(ScratchDatabase file, DateTimeOffset first)
    {
        using var database = file.Open();
        var links = new LiteDbShareLinkStore(database);
        foreach (var link in Links)
        {
            await links.GetOrAddAsync(link, CancellationToken.None);
        }

        var random = new Random(20);
        Click ClickAt(DateTimeOffset at)
        {
            // Some links far more clicked than others, visitors from a pool so that many come back.
            var link = Links[Math.Min(random.Next(Links.Length), random.Next(Links.Length))];
            return new Click(link.Id, link.ItemId, random.Next(ShareChannels.All.Count), (UInt128)(random.Next(Visitors) + 1), at);
        }

        var store = new LiteDbClickStore(database);
        var rolled = first.AddDays(-20);
        for (var b = 0; b < 3; b++)
        {
            await store.AddAllAsync([.. Enumerable.Range(0, ClicksPerBatch).Select(i => ClickAt(rolled.AddSeconds((b * ClicksPerBatch) + i)))], CancellationToken.None);
        }

        await store.RollUpAsync(DateOnly.FromDateTime(rolled.UtcDateTime), rolled, rolled.AddDays(1), 500, CancellationToken.None);

        var step = TimeSpan.FromDays(Days) / (Batches * ClicksPerBatch);
        var old = new List<BsonDocument>();
        for (var b = 0; b < Batches; b++)
        {
            var batch = ClickRows.Batch([.. Enumerable.Range(0, ClicksPerBatch).Select(i => ClickAt(first + (step * ((b * ClicksPerBatch) + i))))]);
            batch.Remove("Codes");
            batch.Remove("Days");
            old.Add(batch);
        }

        database.Write(() =>
        {
            var batches = database.Collection<BsonDocument>("clickbatches");
            Assert.Equal(0, batches.Count()); // the rolled-up day's batches are gone whole
            batches.InsertBulk(old);
            foreach (var marker in new[] { "clickbatchcodes", "clickbatchdays", "clickcounts", "clickcountersbuilt" })
            {
                database.Database.DropCollection(marker);
            }
        });
        Assert.Single(database.Collection<BsonDocument>("clickdays").FindAll().Select(d => d["Day"].AsInt32).Distinct());
    }

    /// <summary>Every click figure the readers give: per item, per ASN (its clicks and its share page's counts), per day and period.</summary>
    private static async Task<List<string>> FiguresAsync(LiteDbClickStore store, DateTimeOffset first)
    {
        var figures = new List<string>();
        foreach (var item in Links.Select(l => l.ItemId).Distinct().Order(StringComparer.Ordinal))
        {
            figures.Add($"item {item}: {Describe(store.ReadByItem(item))}");
        }

        foreach (var nip in Links.Select(l => l.Nip).Distinct().Order(StringComparer.Ordinal))
        {
            figures.Add($"asn {nip}: {Describe(store.ReadByNip(nip))}");
            var counts = await store.CountsByNipAsync(nip, CancellationToken.None);
            figures.Add($"asn {nip} counts: {counts.All}; {string.Join(", ", counts.PerLink.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        }

        for (var day = -1; day <= Days; day++)
        {
            figures.Add($"day {day}: {Describe(store.ReadBetween(first.AddDays(day), first.AddDays(day + 1)))}");
        }

        figures.Add($"the days: {Describe(store.ReadBetween(first, first.AddDays(Days)))}");
        figures.Add($"two weeks: {Describe(store.ReadBetween(first.AddDays(-7), first.AddDays(7)))}");
        figures.Add($"half a day: {Describe(store.ReadBetween(first.AddHours(30), first.AddHours(42)))}");
        figures.Add($"all: {Describe(store.ReadBetween(null, null))}");
        return figures;
    }

    /// <summary>Clicks and distinct visitors in all and per OPD, clicks per link and channel, and where in time they are.</summary>
    private static string Describe(IEnumerable<StoredClick> read)
    {
        var clicks = read.ToList();
        string Counts(IEnumerable<StoredClick> some) => $"{some.Count()}/{some.Select(c => c.Visitor).Distinct().Count()}";
        return $"{Counts(clicks)}; " +
            string.Join(" ", clicks.GroupBy(c => c.Link.Opd).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={Counts(g)}")) + "; " +
            string.Join(" ", clicks.GroupBy(c => c.Link.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}")) + "; " +
            string.Join(" ", clicks.GroupBy(c => c.Channel).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}")) + "; " +
            $"ticks {clicks.Sum(c => (decimal)c.At.UtcTicks)}";
    }

    /// <summary>Starts the broker and kills it with SIGKILL as soon as it has written <paramref name="line"/>.</summary>
    private async Task KillAfterAsync(BrokerProcess broker, string line)
    {
        var seen = broker.Output.Count;
        var started = TimeProvider.System.GetTimestamp();
        broker.Start();
        while (!broker.Output.Skip(seen).Any(l => l.Contains(line, StringComparison.Ordinal)))
        {
            if (TimeProvider.System.GetElapsedTime(started) > Wait)
            {
                await broker.KillAsync();
                throw new TimeoutException($"No '{line}' from the broker; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, broker.Output.TakeLast(30))}");
            }

            await Task.Delay(5);
        }

        await broker.KillAsync();
        var steps = broker.Output.Skip(seen).Count(l => l.Contains("(step ", StringComparison.Ordinal));
        output.WriteLine($"killed {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s after the start, after '{line}', with {steps} steps logged");
    }

    /// <summary>
    /// How far the upgrade in the file got, read from a copy of the file and its log as the kill left them (the next
    /// start recovers from the originals itself); asserts that each part's progress holds whole chunks only.
    /// </summary>
    private Progress Inspect(string path)
    {
        var copy = Directory.CreateTempSubdirectory("broker-click-upgrade-kill-copy-");
        try
        {
            var copied = Path.Combine(copy.FullName, "broker.db");
            File.Copy(path, copied);
            var log = Path.Combine(Path.GetDirectoryName(path)!, "broker-log.db");
            if (File.Exists(log))
            {
                File.Copy(log, Path.Combine(copy.FullName, "broker-log.db"));
            }

            using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = copied }));
            var batches = database.Collection<BsonDocument>("clickbatches").FindAll().OrderBy(b => b["_id"]).ToList();
            Assert.Equal(Batches, batches.Count);
            var (codes, codesDone) = Field(database, batches, "Codes", "clickbatchcodes", ClickRows.CodesOf);
            var (days, daysDone) = Field(database, batches, "Days", "clickbatchdays", ClickRows.DaysOf);
            var (counted, built) = Counters(database, batches);
            var progress = new Progress(codes, codesDone, days, daysDone, counted, built);
            output.WriteLine($"  {progress}");
            return progress;
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>How many batches have the field (exactly those up to its progress marker, each with the value of its rows) and whether it is marked done.</summary>
    private static (int With, bool Done) Field(BrokerDatabase database, List<BsonDocument> batches, string field, string marker, Func<byte[], BsonArray> valueOf)
    {
        var markers = database.Collection<BsonDocument>(marker);
        var done = markers.FindById("done") is not null;
        var last = markers.FindById("progress")?["Last"];
        var with = 0;
        foreach (var batch in batches)
        {
            if (done || (last is not null && batch["_id"].CompareTo(last) <= 0))
            {
                Assert.Equal(Sorted(valueOf(ClickRows.RowsOf(batch))), Sorted(batch[field].AsArray));
                with++;
            }
            else
            {
                Assert.False(batch.ContainsKey(field), $"a batch after {field}'s progress marker has it");
            }
        }

        return (with, done);
    }

    private static List<string> Sorted(BsonArray values) => [.. values.Select(v => v.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>
    /// How many batches the counters hold (up to the build's marker: its days first, then its batches) and whether the
    /// build is done; asserts that each link's counters hold exactly those clicks and days, none twice.
    /// </summary>
    private static (int Counted, bool Built) Counters(BrokerDatabase database, List<BsonDocument> batches)
    {
        var state = database.Collection<BsonDocument>("clickcountersbuilt").FindById("state");
        var (phase, last, built) = state is null ? ("days", BsonValue.Null, false) : (state["Phase"].AsString, state["Last"], state["Done"].AsBoolean);
        bool UpTo(BsonValue id) => !last.IsNull && id.CompareTo(last) <= 0;

        var expected = new Dictionary<string, (int Clicks, int Rolled, Dictionary<UInt128, int> Visitors)>(StringComparer.Ordinal);
        (int Clicks, int Rolled, Dictionary<UInt128, int> Visitors) Of(string code) => expected.TryGetValue(code, out var counts) ? counts : (0, 0, []);
        foreach (var day in database.Collection<BsonDocument>("clickdays").FindAll().Where(d => built || phase == "batches" || UpTo(d["_id"])))
        {
            var (clicks, rolled, visitors) = Of(day["Code"].AsString);
            expected[day["Code"].AsString] = (clicks + day["Clicks"].AsInt32, rolled + day["Visitors"].AsInt32, visitors);
        }

        var counted = 0;
        Span<char> code = stackalloc char[ShareCodes.Length];
        foreach (var batch in batches.Where(b => built || (phase == "batches" && UpTo(b["_id"]))))
        {
            counted++;
            var rows = ClickRows.RowsOf(batch);
            for (var i = 0; i < ClickRows.CountOf(rows); i++)
            {
                ClickRows.CodeOf(rows, i, code);
                var (clicks, rolled, visitors) = Of(new string(code));
                var visitor = ClickRows.VisitorOf(rows, i);
                visitors[visitor] = visitors.GetValueOrDefault(visitor) + 1;
                expected[new string(code)] = (clicks + 1, rolled, visitors);
            }
        }

        var stored = database.Collection<BsonDocument>("clickcounts").FindAll().ToDictionary(
            c => c["_id"].AsString, c => (c["Clicks"].AsInt32, c["RolledVisitors"].AsInt32, VisitorsOf(c["Visitors"].AsBinary)), StringComparer.Ordinal);
        Assert.Equal(
            expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value.Clicks} clicks, {e.Value.Rolled} rolled, {Describe(e.Value.Visitors)}"),
            stored.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value.Item1} clicks, {e.Value.Item2} rolled, {Describe(e.Value.Item3)}"));
        return (counted, built);
    }

    private static Dictionary<UInt128, int> VisitorsOf(byte[] raw) =>
        Enumerable.Range(0, raw.Length / 20).ToDictionary(i => BinaryPrimitives.ReadUInt128BigEndian(raw.AsSpan(i * 20, 16)), i => BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan((i * 20) + 16, 4)));

    private static string Describe(Dictionary<UInt128, int> visitors) =>
        $"{visitors.Count} visitors with {visitors.Values.Sum()} clicks, checksum {visitors.Sum(v => (decimal)(ulong)(v.Key % 1_000_003) * v.Value)}";

    private sealed record Progress(int Codes, bool CodesDone, int Days, bool DaysDone, int Counted, bool Built);
}
#endif
