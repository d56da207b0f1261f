using Broker.Accounts;
using Broker.Bench.Infrastructure;
using Broker.Bench.Report;
using Broker.Dispatch;
using Broker.Engagement;
using Broker.Intake;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Broker.Bench.Engagement;

/// <summary>
/// Section "engagement": N published Facebook deliveries, each with one metrics reading due now, in a scratch LiteDB
/// file; the broker process started on it reads them all from the sandbox (an insights call and a counts call each, at
/// the sandbox's platform latency). Measured: the broker's CPU and the database's growth per 100,000 readings (the
/// planned rows plus their results), scaled from N, and how long reading took (20 ms platform latency, 8 reads at once).
/// </summary>
internal static class EngagementBench
{
    private const string Section = "engagement";
    private const int Latency = 20;
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(40);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var n = settings.Scale.DispatchCounts.Max();
        using var folder = new ScratchFolder(Section);
        // A short platform latency and more reads at once than the default, so the run is about the broker's own cost.
        await using var sandbox = await PlatformSandbox.StartAsync(Latency, cancellationToken);
        var (before, planned) = await SeedAsync(folder, sandbox, n, cancellationToken);
        await using var broker = new BrokerProcess(folder, sandbox.GraphBaseUrl, new Dictionary<string, string>
        {
            ["Engagement__SweepInterval"] = "00:00:01",
            ["Engagement__BatchSize"] = "500",
            ["Engagement__ImportNative"] = "false",
            ["Engagement__MaxConcurrentReads"] = "8",
        });
        broker.Start();
        await broker.WaitUntilServingAsync(TimeSpan.FromMinutes(3), cancellationToken);
        var early = sandbox.InsightsReads; // 0 unless the broker took longer to start than the lead
        var started = Clock.Timestamp;
        var cpu = broker.CpuTime();
        var done = await Clock.PollAsync(
            () => Task.FromResult(sandbox.InsightsReads >= n),
            TimeSpan.FromMilliseconds(100),
            settings.Scale.WaitCap * 4,
            cancellationToken);
        var elapsed = Clock.Since(started);
        if (!done)
        {
            log.WriteLine($"  the readings stopped short; the broker's last lines:{broker.Tail()}");
        }

        var used = broker.CpuTime() - cpu;
        await broker.StopAsync(cancellationToken);
        var after = Seeder.SizeOf(folder);
        var reads = sandbox.InsightsReads;
        log.WriteLine($"  {reads:N0} of {n:N0} readings made in {Format.Seconds(elapsed)}; file {before:N0} → {planned:N0} (planned) → {after:N0} bytes");
        var per100k = 100_000.0 / Math.Max(reads, 1);
        return
        [
            Figure.Info(Section, $"{Format.Count(n)} readings due at once: broker CPU per 100,000 reads (scaled)", Format.Seconds(used * per100k), (done ? $"read in {Format.Seconds(elapsed)}" : $"only {reads:N0} read in {Format.Seconds(elapsed)}") + (early > 0 ? $"; {early:N0} read before the CPU baseline" : "")),
            Figure.Info(Section, "  database growth per 100,000 reads: planned rows", $"{(planned - before) * 100_000.0 / n / 1_048_576:N1} MiB", "LiteDB data file and log"),
            Figure.Info(Section, "  database growth per 100,000 reads: planned rows and results", $"{(after - before) * per100k / 1_048_576:N1} MiB", "after the broker's checkpoint at stop"),
        ];
    }

    /// <summary>One Page, N published deliveries whose posts the sandbox holds, and one reading of each due shortly (<see cref="Lead"/>).</summary>
    private static async Task<(long Before, long Planned)> SeedAsync(ScratchFolder folder, PlatformSandbox sandbox, int n, CancellationToken cancellationToken)
    {
        var now = Clock.Now;
        var accounts = BenchScale.AccountsFor(n);
        using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = folder.Database }));
        var protector = new CredentialProtector(DataProtectionProvider.Create(new DirectoryInfo(folder.Keys), b => b.SetApplicationName("Broker")));
        await new LiteDbOpdStore(database).TryAddAsync(new Opd { Id = SampleNews.Opd, Name = SampleNews.OpdName, CreatedAt = now }, cancellationToken);
        var pages = Enumerable.Range(0, accounts).Select(a => Seeder.Page(a, protector, now)).ToList();
        var accountStore = new LiteDbAccountStore(database);
        foreach (var page in pages)
        {
            await accountStore.AddAsync(page, cancellationToken);
        }

        var items = database.Collection<Item>("items");
        var deliveries = new LiteDbDeliveryStore(database);
        // Due a little after the broker is serving, so the CPU measured from then on includes every read (the reader
        // runs at start too: readings already due would be read during start-up, before the baseline).
        var published = now + Lead - TimeSpan.FromHours(1);
        var planned = new List<MetricsRead>(n);
        foreach (var chunk in Enumerable.Range(0, n).Chunk(5_000))
        {
            database.Write(() => items.InsertBulk(chunk.Select(i => Seeder.Item(i, pages[i % accounts].Id, now)), 5_000));
            var batch = chunk.Select(i =>
            {
                var page = pages[i % accounts];
                var post = sandbox.State.AddNativePost("facebook", page.ExternalId, SampleNews.FacebookText(i), published);
                var delivery = Seeder.Delivery(i, page.Id, published, now);
                delivery.Status = DeliveryStatus.Published;
                delivery.PublishedAt = published;
                delivery.RemotePostId = post.Id;
                delivery.Permalink = post.Permalink;
                planned.Add(new MetricsRead
                {
                    Id = MetricsRead.IdOf(delivery.Id, TimeSpan.FromHours(1)),
                    DeliveryId = delivery.Id,
                    ItemId = delivery.ItemId,
                    AccountId = page.Id,
                    Platform = "facebook",
                    RemotePostId = post.Id,
                    PublishedAt = published,
                    AgeMinutes = 60,
                    DueAt = published.AddHours(1),
                    Status = MetricsReadStatus.Due,
                });
                return delivery;
            }).ToList();
            await deliveries.AddManyAsync(batch, cancellationToken);
        }

        database.Checkpoint();
        var before = Seeder.SizeOf(folder);
        var store = new LiteDbMetricsReads(database);
        foreach (var chunk in planned.Chunk(5_000))
        {
            await store.AddAllAsync(chunk);
        }

        database.Checkpoint();
        return (before, Seeder.SizeOf(folder));
    }
}
