using Broker.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// The engine is entered one call at a time (litedb #2817), and a checkpoint, which needs every reader closed, waits for
/// them outside that lock: it neither deadlocks with a reader between rows nor stalls reads for long.
/// </summary>
public sealed class OneCallAtATimeEngineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-one-call-").FullName;

    [Fact]
    public async Task A_checkpoint_waits_for_a_reader_between_rows_and_a_reader_arriving_meanwhile_waits_for_the_checkpoint()
    {
        using var database = Open();
        var things = Seed(database, 50);
        using var opened = new ManualResetEventSlim();
        using var goOn = new ManualResetEventSlim();
        var rows = 0;

        // LiteDB ties a reader's lock to its thread: the reader opens, reads and closes on one thread of its own.
        var reader = new Thread(() =>
        {
            using var open = things.Query().ToDocuments().GetEnumerator();
            rows += open.MoveNext() ? 1 : 0;
            opened.Set();
            goOn.Wait();
            while (open.MoveNext())
            {
                rows++;
            }
        });
        reader.Start();
        opened.Wait(TimeSpan.FromSeconds(30));

        // The pauses block this thread rather than await a timer: on a loaded machine a timer's continuation can wait
        // longer for a pool thread than the checkpoint's patience (2 s), which then rightly gives up (CI saw that once).
        var checkpoint = Task.Run(database.Checkpoint);
        Thread.Sleep(150);
        Assert.False(checkpoint.IsCompleted);
        var arriving = Task.Run(() => things.Count());
        Thread.Sleep(150);
        Assert.False(arriving.IsCompleted);

        // The open reader goes on reading (the waiting checkpoint holds no lock it needs), then closes: both go through.
        goOn.Set();
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)));
        await checkpoint.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(50, rows);
        Assert.Equal(50, await arriving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, database.LogFile.Length);
    }

    [Fact]
    public void A_reader_left_open_postpones_the_checkpoint_instead_of_stalling_reads_and_the_next_one_folds_the_log()
    {
        using var database = Open();
        var things = Seed(database, 10);
        var open = things.Query().ToDocuments().GetEnumerator();
        Assert.True(open.MoveNext());

        var postponed = Assert.Throws<CheckpointPostponedException>(database.Checkpoint);
        Assert.Contains("1 reader(s)", postponed.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, database.LogFile.Length);
        Assert.Equal(10, things.Count());
        database.Write(() => things.Insert(new BsonDocument { ["_id"] = 11 }));

        open.Dispose();
        database.Checkpoint();
        Assert.Equal(0, database.LogFile.Length);
        Assert.Equal(11, things.Count());
    }

    [Fact]
    public async Task Readers_on_many_threads_beside_the_writer_and_its_checkpoints_read_every_row_whole()
    {
        using var database = Open();
        var things = Seed(database, 2_000);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var reads = 0;
            for (var i = r; !stop.IsCancellationRequested; i = (i + 37) % 2_000)
            {
                var row = things.FindById(i);
                Assert.Equal($"row {i}", row["text"].AsString);
                Assert.Equal(2_000, things.Query().Where("$._id >= 0").Count());
                reads++;
            }

            return reads;
        })).ToList();
        var writer = Task.Run(() =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                database.Write(() => things.Update(new BsonDocument { ["_id"] = n % 2_000, ["text"] = $"row {n % 2_000}", ["n"] = n }));
                if (n % 200 == 0)
                {
                    database.Checkpoint();
                }
            }
        });

        await Task.WhenAll([.. readers, writer]);
        Assert.All(readers, r => Assert.True(r.Result > 0));
    }

    [Fact]
    public async Task Listing_the_collections_off_the_writer_while_it_makes_new_ones_never_breaks_the_listing()
    {
        using var database = Open();
        Seed(database, 1);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var maker = Task.Run(() =>
        {
            // For 2 s, or until the header is near full: LiteDB's 8 KB header page holds about 600 names of this length.
            var made = 0;
            for (; !stop.IsCancellationRequested && made < MostCollections; made++)
            {
                database.Write(() => database.Database.GetCollection($"made{made}").Insert(new BsonDocument { ["_id"] = 1 }));
            }

            return made;
        });
        var lister = Task.Run(() =>
        {
            var listings = 0;
            for (; !maker.IsCompleted; listings++)
            {
                // The system collection is read whole under one turn: a collection made between two of its rows cannot
                // change what is being enumerated ("Collection was modified" before).
                Assert.True(database.Database.CollectionExists("things"));
                Assert.Contains("things", database.Database.GetCollectionNames());
            }

            return listings;
        });

        var (made, listings) = (await maker, await lister);
        Assert.True(made > 0 && listings > 0);
        Assert.Equal(made + 1, database.Database.GetCollectionNames().Count());
    }

    [Fact]
    public void A_long_read_takes_its_rows_a_batch_per_turn_and_a_look_up_reads_little_ahead()
    {
        var path = Path.Combine(folder, "turns.db");
        using (var seeding = new LiteDatabase(path))
        {
            seeding.GetCollection("things").InsertBulk(Enumerable.Range(0, 1_000).Select(i => new BsonDocument { ["_id"] = i, ["text"] = $"row {i}" }));
        }

        var engine = new OneCallAtATimeEngine(new LiteDB.Engine.LiteEngine(path));
        using var database = new LiteDatabase(engine);
        var things = database.GetCollection("things");

        // Every row, whole and in order, through a turn per batch (4, 8, 16, 32, then 64 rows) besides its opening and
        // closing ones: about twenty turns for a thousand rows, where a turn per row took a thousand.
        var before = engine.Turns;
        var rows = things.Query().OrderBy("$._id").ToDocuments().ToList();
        var taken = engine.Turns - before;
        Assert.Equal(Enumerable.Range(0, 1_000), rows.Select(r => r["_id"].AsInt32));
        Assert.All(rows, r => Assert.Equal($"row {r["_id"].AsInt32}", r["text"].AsString));
        Assert.InRange(taken, 2, 25);

        // A look-up that stops at its first row opens, reads one batch and closes: three turns, whatever the rows behind.
        before = engine.Turns;
        Assert.Equal("row 0", things.Query().OrderBy("$._id").ToDocuments().First()["text"].AsString);
        Assert.InRange(engine.Turns - before, 2, 3);
        Assert.Equal(0, engine.OpenReaders);
    }

    /// <summary>The collections the listing test makes at most (a LiteDB file's header holds the names of a few hundred).</summary>
    private const int MostCollections = 400;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static ILiteCollection<BsonDocument> Seed(BrokerDatabase database, int rows)
    {
        var things = database.Collection<BsonDocument>("things");
        database.Write(() => things.InsertBulk(Enumerable.Range(0, rows).Select(i => new BsonDocument { ["_id"] = i, ["text"] = $"row {i}" })));
        return things;
    }

    private BrokerDatabase Open() => new(Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") }));
}
