using System.Net;
using Broker.Dispatch;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>A failed fsync stops the broker, as PostgreSQL does since "fsyncgate"; the restart recovers from the disk.</summary>
public sealed class FailStopTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-fail-stop-").FullName;

    private IOptions<StorageOptions> Options => Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") });

    [Fact]
    public async Task After_a_failed_fsync_of_the_log_its_callers_fail_and_every_later_write_is_refused_until_a_restart()
    {
        using var failStop = new FailStop();
        using (var database = new BrokerDatabase(Options, failStop))
        {
            var things = database.Collection<BsonDocument>("things");
            await database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = 1 }));
            database.LogFile.Watch = FailingSync;

            var failed = await Assert.ThrowsAsync<FailStopException>(() => database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = 2 })));

            Assert.IsType<IOException>(failed.InnerException);
            Assert.Contains("broker-log.db", failed.Message, StringComparison.Ordinal);
            database.LogFile.Watch = null; // the disk answers again: the writes stay refused all the same
            Assert.Throws<FailStopException>(() => database.Write(() => things.Insert(new BsonDocument { ["_id"] = 3 })));
            await Assert.ThrowsAsync<FailStopException>(() => database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = 4 })));
            Assert.Throws<FailStopException>(database.Checkpoint);
            Assert.NotNull(things.FindById(1)); // reads go on while the broker stops
        }

        using var restarted = new BrokerDatabase(Options);
        var recovered = restarted.Collection<BsonDocument>("things");
        Assert.NotNull(recovered.FindById(1));
        Assert.Null(recovered.FindById(3));
        await restarted.WriteAsync(() => recovered.Insert(new BsonDocument { ["_id"] = 5 }));
    }

    [Fact]
    public async Task After_a_failed_fsync_the_broker_refuses_writes_with_503_reports_unhealthy_logs_it_and_stops()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var lifetime = scenario.Broker.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.GetAsync("/health")).StatusCode);
        scenario.Broker.Services.GetRequiredService<BrokerDatabase>().LogFile.Watch = FailingSync;

        var (failed, problem) = await scenario.Api.PostAsync("/api/opds", new { code = "dinkes", name = "Dinas Kesehatan" });
        scenario.Broker.Services.GetRequiredService<BrokerDatabase>().LogFile.Watch = null;
        var (refused, _) = await scenario.Api.PostAsync("/api/opds", new { code = "dishub", name = "Dinas Perhubungan" });
        var health = await scenario.Api.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("fsync", problem!.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        await Eventually.WaitAsync(() => Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested), stopping => stopping, "the broker to stop itself");
        Assert.Contains(scenario.Broker.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("broker-log.db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_failed_fsync_of_the_intent_journal_its_callers_fail_and_nothing_more_is_recorded()
    {
        using var failStop = new FailStop();
        using (var journal = new IntentJournal(Options, failStop))
        {
            await journal.RecordAsync("delivery-1", CancellationToken.None);
            journal.BeforeSync = () => throw new IOException("injected: EIO");

            await Assert.ThrowsAsync<FailStopException>(() => journal.RecordAsync("delivery-2", CancellationToken.None));
            journal.BeforeSync = null;
            await Assert.ThrowsAsync<FailStopException>(() => journal.RecordAsync("delivery-3", CancellationToken.None));
            Assert.True(failStop.IsTripped);
        }

        using var reopened = new IntentJournal(Options);
        Assert.DoesNotContain("delivery-3", reopened.ReadAll());
        Assert.Contains("delivery-1", reopened.ReadAll());
    }

    [Fact]
    public async Task A_torn_last_line_of_the_intent_journal_is_cut_off_at_open_and_recording_goes_on_after_it()
    {
        var path = Path.Combine(folder, "broker.db.intents");
        await File.WriteAllTextAsync(path, "delivery-1\ndelivery-2\ndeliv");

        using var journal = new IntentJournal(Options);
        Assert.Equal("delivery-1\ndelivery-2\n", await ReadSharedAsync(path));
        await journal.RecordAsync("delivery-3", CancellationToken.None);

        Assert.Equal("delivery-1\ndelivery-2\ndelivery-3\n", await ReadSharedAsync(path));
        Assert.Equal(new HashSet<string> { "delivery-1", "delivery-2", "delivery-3" }, journal.ReadAll());
    }

    [Fact]
    public async Task A_write_of_the_intent_journal_that_failed_halfway_is_cut_off_before_the_next_one()
    {
        var path = Path.Combine(folder, "broker.db.intents");
        using var journal = new IntentJournal(Options);
        await journal.RecordAsync("delivery-1", CancellationToken.None);
        journal.BeforeWrite = stream =>
        {
            stream.Write("deliv"u8);
            throw new IOException("injected: no space left on device");
        };

        await Assert.ThrowsAsync<IOException>(() => journal.RecordAsync("delivery-2", CancellationToken.None));
        journal.BeforeWrite = null;
        await journal.RecordAsync("delivery-3", CancellationToken.None);

        Assert.Equal("delivery-1\ndelivery-3\n", await ReadSharedAsync(path));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void FailingSync(LiteDbFile.Operation operation, long position, ReadOnlySpan<byte> bytes)
    {
        if (operation == LiteDbFile.Operation.Sync)
        {
            throw new IOException("injected: EIO");
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }
}
