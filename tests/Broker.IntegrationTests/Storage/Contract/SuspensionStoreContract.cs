using Broker.Guardrails;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class SuspensionStoreContract : StoreContract
{
    [Fact]
    public async Task A_scope_is_added_once_and_replaced_only_over_the_version_it_was_read_at()
    {
        var store = Get<ISuspensionStore>();
        var now = DateTimeOffset.Parse("2026-12-05T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(await store.TryAddAsync(Suspension("city", "Hari berkabung nasional", now), CancellationToken.None));
        Assert.False(await store.TryAddAsync(Suspension("city", "Another", now), CancellationToken.None));

        var read = (await store.GetAsync("city", CancellationToken.None))!;
        Assert.Equal("Hari berkabung nasional", read.Reason);
        Assert.Equal(now.AddHours(2), read.ResumeAt);
        var stale = (await store.GetAsync("city", CancellationToken.None))!;

        read.ResumedAt = now.AddHours(1);
        Assert.True(await store.TryReplaceAsync(read, CancellationToken.None));
        Assert.Equal(1, read.Version);
        stale.Reason = "Lost";
        Assert.False(await store.TryReplaceAsync(stale, CancellationToken.None));

        var stored = (await store.GetAsync("city", CancellationToken.None))!;
        Assert.Equal(now.AddHours(1), stored.ResumedAt);
        Assert.Equal("Hari berkabung nasional", stored.Reason);
        Assert.Null(await store.GetAsync("CITY", CancellationToken.None));
    }

    [Fact]
    public async Task Of_eight_replacements_racing_over_one_version_one_wins()
    {
        var store = Get<ISuspensionStore>();
        var now = DateTimeOffset.Parse("2026-12-05T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await store.TryAddAsync(Suspension("opd:dinkes", "Bencana", now), CancellationToken.None));
        Assert.True(await store.TryAddAsync(Suspension("account:a1", "Akun diretas", now), CancellationToken.None));
        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.GetAsync("opd:dinkes", CancellationToken.None)));

        var won = await Task.WhenAll(copies.Select((c, i) =>
        {
            c!.Reason = "racer " + i;
            return store.TryReplaceAsync(c, CancellationToken.None);
        }));

        Assert.Single(won, w => w);
        Assert.Equal(1, (await store.GetAsync("opd:dinkes", CancellationToken.None))!.Version);
        Assert.Equal(["account:a1", "opd:dinkes"], (await store.ListAsync(CancellationToken.None)).Select(s => s.Id));
    }

    private static Suspension Suspension(string id, string reason, DateTimeOffset now) => new()
    {
        Id = id,
        Scope = id == "city" ? SuspensionScope.City : id.StartsWith("opd:", StringComparison.Ordinal) ? SuspensionScope.Opd : SuspensionScope.Account,
        Target = id == "city" ? null : id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..],
        SuspensionId = Guid.NewGuid().ToString("N"),
        Reason = reason,
        SuspendedBy = "editor",
        SuspendedAt = now,
        ResumeAt = now.AddHours(2),
    };
}

public sealed class SuspensionStoreOnLiteDb : SuspensionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class SuspensionStoreOnPostgreSql : SuspensionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
