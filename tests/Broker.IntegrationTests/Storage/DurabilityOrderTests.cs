using System.Buffers.Binary;
using System.Text;
using Broker.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// The order of what reaches the LiteDB files, recorded as it happens: a commit's log pages are in the file before the
/// fsync its caller waits for, and the data file is on disk before a checkpoint empties the log.
/// </summary>
public sealed class DurabilityOrderTests : IDisposable
{
    // LiteDB's page header: the transaction id at byte 14, "confirmed" (the last page of a commit) at byte 18.
    private const int TransactionIdAt = 14;
    private const int ConfirmedAt = 18;

    private readonly string folder = Directory.CreateTempSubdirectory("broker-durability-order-").FullName;

    [Fact]
    public async Task Every_page_of_a_commit_is_in_the_log_before_the_fsync_its_caller_waits_for_from_the_first_commit_after_opening()
    {
        for (var opening = 0; opening < 3; opening++)
        {
            using var database = Open();
            var recorder = new Recorder(database);
            var things = database.Collection<BsonDocument>("things");

            // The first commit after opening on its own, then many at once, in batches and alone.
            await InsertAsync(database, things, recorder, $"open{opening}-first");
            await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                await InsertAsync(database, things, recorder, $"open{opening}-{i:D4}"));
            database.Write(() => { }); // one more fsync, at whose start every caller above has heard back

            var events = recorder.Events;
            foreach (var caller in recorder.Callers)
            {
                // The fsync that completed the caller is the last one before the first that found it completed.
                var heard = caller.HeardBefore;
                Assert.True(heard >= 0, $"{caller.Marker}: never completed");
                var written = FirstLogWriteHolding(events, caller.Marker, heard);
                Assert.True(written >= 0, $"{caller.Marker}: its page was not in the log when its caller heard the write was done");
                var transaction = BinaryPrimitives.ReadUInt32LittleEndian(events[written].Bytes.AsSpan(TransactionIdAt));
                var confirmed = ConfirmingWrite(events, transaction, written, heard);
                Assert.True(confirmed >= 0, $"{caller.Marker}: its commit's last page was not in the log when its caller heard the write was done");
                var completing = LastIndex(events, 0, heard, e => e is { File: "log", Operation: LiteDbFile.Operation.Sync });
                Assert.True(completing > confirmed, $"{caller.Marker}: the fsync that completed it (event {completing}) began before its commit's last page was written (event {confirmed})");
            }
        }
    }

    [Fact]
    public async Task A_checkpoint_forces_the_data_file_to_disk_before_it_empties_the_log()
    {
        {
            var database = Open();
            var recorder = new Recorder(database);
            var things = database.Collection<BsonDocument>("things");

            // More than LiteDB's 1,000 log pages, so it checkpoints on its own too, then one asked for, then one at closing.
            await Task.WhenAll(Enumerable.Range(0, 1_500).Select(i =>
                database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = i, ["text"] = new string('x', 6_000) }))));
            database.Write(() => things.Insert(new BsonDocument { ["_id"] = -1 }));
            database.Checkpoint();
            database.Write(() => things.Insert(new BsonDocument { ["_id"] = -2 }));
            database.Dispose();

            var events = recorder.Events;
            var truncations = Enumerable.Range(0, events.Count).Where(i => events[i] is { File: "log", Operation: LiteDbFile.Operation.SetLength, Position: 0 }).ToList();
            Assert.True(truncations.Count >= 2, $"{truncations.Count} checkpoints emptied the log");
            var previous = -1;
            foreach (var truncation in truncations)
            {
                var copied = LastIndex(events, previous + 1, truncation, e => e is { File: "data", Operation: LiteDbFile.Operation.Write });
                Assert.True(copied >= 0, $"the checkpoint at event {truncation} copied nothing into the data file");
                Assert.True(
                    LastIndex(events, copied + 1, truncation, e => e is { File: "data", Operation: LiteDbFile.Operation.Sync }) >= 0,
                    $"the log was emptied at event {truncation} before the data file written at event {copied} was forced to disk");
                previous = truncation;
            }
        }

        using var reopened = Open();
        Assert.Equal(1_502, reopened.Collection<BsonDocument>("things").Count());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task InsertAsync(BrokerDatabase database, ILiteCollection<BsonDocument> things, Recorder recorder, string name)
    {
        var caller = recorder.Expect($"<{name}>");
        caller.Task = database.WriteAsync(() => things.Insert(new BsonDocument { ["marker"] = caller.Marker }));
        await caller.Task;
    }

    private static int FirstLogWriteHolding(List<Recorded> events, string marker, int before)
    {
        var bytes = Encoding.UTF8.GetBytes(marker);
        return FirstIndex(events, 0, before, e => e is { File: "log", Operation: LiteDbFile.Operation.Write } && e.Bytes.AsSpan().IndexOf(bytes) >= 0);
    }

    private static int ConfirmingWrite(List<Recorded> events, uint transaction, int from, int before) =>
        FirstIndex(events, from, before, e => e is { File: "log", Operation: LiteDbFile.Operation.Write } && e.Bytes.Length > ConfirmedAt
            && BinaryPrimitives.ReadUInt32LittleEndian(e.Bytes.AsSpan(TransactionIdAt)) == transaction && e.Bytes[ConfirmedAt] == 1);

    private static int FirstIndex(List<Recorded> events, int from, int before, Func<Recorded, bool> match)
    {
        for (var i = from; i < before; i++)
        {
            if (match(events[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastIndex(List<Recorded> events, int from, int before, Func<Recorded, bool> match)
    {
        for (var i = before - 1; i >= from; i--)
        {
            if (match(events[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private BrokerDatabase Open() => new(Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") }));

    private sealed record Recorded(string File, LiteDbFile.Operation Operation, long Position, byte[] Bytes);

    private sealed class Caller(string marker)
    {
        public string Marker { get; } = marker;

        public Task? Task { get; set; }

        /// <summary>The first fsync at whose start the caller had heard back: the one that completed it came before.</summary>
        public int HeardBefore { get; set; } = -1;
    }

    /// <summary>Every operation on both files, in one order, as they reach the files.</summary>
    private sealed class Recorder
    {
        private readonly List<Recorded> events = [];
        private readonly List<Caller> callers = [];

        public Recorder(BrokerDatabase database)
        {
            database.DataFile.Watch = (operation, position, bytes) => Add("data", operation, position, bytes);
            database.LogFile.Watch = (operation, position, bytes) => Add("log", operation, position, bytes);
        }

        public List<Caller> Callers
        {
            get
            {
                lock (events)
                {
                    return [.. callers];
                }
            }
        }

        public Caller Expect(string marker)
        {
            var caller = new Caller(marker);
            lock (events)
            {
                callers.Add(caller);
            }

            return caller;
        }

        public List<Recorded> Events
        {
            get
            {
                lock (events)
                {
                    return [.. events];
                }
            }
        }

        private void Add(string file, LiteDbFile.Operation operation, long position, ReadOnlySpan<byte> bytes)
        {
            var copy = bytes.ToArray();
            lock (events)
            {
                if (operation == LiteDbFile.Operation.Sync)
                {
                    foreach (var caller in callers.Where(c => c.HeardBefore < 0 && c.Task is { IsCompleted: true }))
                    {
                        caller.HeardBefore = events.Count;
                    }
                }

                events.Add(new Recorded(file, operation, position, copy));
            }
        }
    }
}
