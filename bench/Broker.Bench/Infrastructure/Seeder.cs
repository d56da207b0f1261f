using Broker.Accounts;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Broker.Bench.Infrastructure;

/// <summary>
/// Writes "pending deliveries at start" straight into the broker's LiteDB file through the broker's own storage classes,
/// before the broker starts: one OPD, Facebook Page accounts with credentials encrypted under the key ring the broker
/// will read, and per delivery one approved item for one Page. Seeding 100,000 through the HTTP API would take many
/// minutes; this takes seconds and leaves the file exactly as approvals would (bar the audit entries).
/// </summary>
internal static class Seeder
{
    private const int Batch = 5_000;

    public static async Task<SeedResult> SeedAsync(ScratchFolder folder, int deliveries, Func<TimeSpan, DuePlan> planDue, CancellationToken cancellationToken)
    {
        var now = Clock.Now;
        var accounts = BenchScale.AccountsFor(deliveries);
        long before, afterItems, afterDeliveries;
        DuePlan plan;
        using (var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = folder.Database })))
        {
            var opds = new LiteDbOpdStore(database);
            var accountStore = new LiteDbAccountStore(database);
            var itemStore = new LiteDbItemStore(database);
            var deliveryStore = new LiteDbDeliveryStore(database);
            var protector = new CredentialProtector(DataProtectionProvider.Create(new DirectoryInfo(folder.Keys), b => b.SetApplicationName("Broker")));

            await opds.TryAddAsync(new Opd { Id = SampleNews.Opd, Name = SampleNews.OpdName, CreatedAt = now }, cancellationToken);
            var pageIds = new List<string>(accounts);
            for (var a = 0; a < accounts; a++)
            {
                var account = Page(a, protector, now);
                await accountStore.AddAsync(account, cancellationToken);
                pageIds.Add(account.Id);
            }

            database.Checkpoint();
            before = SizeOf(folder);
            var seeding = Clock.Timestamp;
            var items = database.Collection<Item>("items");
            foreach (var chunk in Enumerable.Range(0, deliveries).Chunk(Batch))
            {
                database.Write(() => items.InsertBulk(chunk.Select(i => Item(i, pageIds[i % accounts], now)), Batch));
            }

            database.Checkpoint();
            afterItems = SizeOf(folder);

            // The due times are planned only now, from how long the items took, so they fall after the broker is up.
            plan = planDue(Clock.Since(seeding));
            foreach (var chunk in Enumerable.Range(0, deliveries).Chunk(Batch))
            {
                var batch = chunk.Select(i => Delivery(i, pageIds[i % accounts], plan.At(i), now)).ToList();
                await deliveryStore.AddManyAsync(batch, cancellationToken);
            }

            database.Checkpoint();
            afterDeliveries = SizeOf(folder);
            GC.KeepAlive(itemStore);
        }

        return new SeedResult(deliveries, accounts, afterItems - before, afterDeliveries - afterItems, SizeOf(folder), plan);
    }

    /// <summary>The LiteDB data file plus its log.</summary>
    public static long SizeOf(ScratchFolder folder)
    {
        var log = Path.ChangeExtension(folder.Database, null) + "-log.db";
        return new FileInfo(folder.Database).Length + (File.Exists(log) ? new FileInfo(log).Length : 0);
    }

    internal static Account Page(int index, CredentialProtector protector, DateTimeOffset now) => new()
    {
        Id = $"page{index:D5}",
        Opd = SampleNews.Opd,
        Platform = "facebook",
        Name = $"Halaman {index}",
        ExternalId = (1_000_000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ProtectedCredentials = protector.Protect(new Dictionary<string, string> { ["accessToken"] = $"page-token-{index}" }),
        Status = AccountStatus.Active,
        CreatedAt = now,
        UpdatedAt = now,
    };

    internal static Item Item(int index, string accountId, DateTimeOffset now) => new()
    {
        Id = ItemId(index),
        Opd = SampleNews.Opd,
        Title = $"[{index}] {SampleNews.Title}",
        Body = SampleNews.Body,
        Link = SampleNews.Link,
        AccountIds = [accountId],
        Status = ItemStatus.Approved,
        CreatedAt = now,
        UpdatedAt = now,
        ApprovedAt = now,
    };

    internal static Delivery Delivery(int index, string accountId, DateTimeOffset due, DateTimeOffset now) => new()
    {
        Id = $"d{index:D7}",
        ItemId = ItemId(index),
        AccountId = accountId,
        Platform = "facebook",
        Status = DeliveryStatus.Scheduled,
        ScheduledAt = due,
        DueAt = due,
        Text = SampleNews.FacebookText(index),
        Link = SampleNews.Link,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static string ItemId(int index) => $"i{index:D7}";
}
