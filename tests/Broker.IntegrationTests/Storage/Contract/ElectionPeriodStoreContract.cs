using Broker.Guardrails;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class ElectionPeriodStoreContract : StoreContract
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-24T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_period_is_read_back_whole_and_listed_by_start()
    {
        var store = Get<IElectionPeriodStore>();
        await store.AddAsync(Period("b", "Masa tenang", Start.AddDays(60)), CancellationToken.None);
        await store.AddAsync(Period("a", "Kampanye Pilkada", Start), CancellationToken.None);

        var read = (await store.GetAsync("a", CancellationToken.None))!;
        Assert.Equal("Kampanye Pilkada", read.Name);
        Assert.Equal(["Paslon 2", "Partai Maju", "José Ramírez"], read.Terms);
        Assert.Equal(ElectionRule.Refuse, read.Rule);
        Assert.True(read.FreezeAsnSharing);
        Assert.Equal(Start, read.StartsAt);
        Assert.Equal(["a", "b"], (await store.ListAsync(CancellationToken.None)).Select(p => p.Id));
        Assert.Null(await store.GetAsync("A", CancellationToken.None));
    }

    [Fact]
    public async Task Of_eight_changes_racing_over_one_version_one_wins()
    {
        var store = Get<IElectionPeriodStore>();
        await store.AddAsync(Period("p", "Hari pemungutan suara", Start), CancellationToken.None);
        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.GetAsync("p", CancellationToken.None)));

        var won = await Task.WhenAll(copies.Select((c, i) =>
        {
            c!.Terms = ["racer " + i];
            return store.TryReplaceAsync(c, CancellationToken.None);
        }));

        Assert.Single(won, w => w);
        var stored = (await store.GetAsync("p", CancellationToken.None))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal(copies[Array.IndexOf(won, true)]!.Terms, stored.Terms);
    }

    private static ElectionPeriod Period(string id, string name, DateTimeOffset start) => new()
    {
        Id = id,
        Name = name,
        Kind = ElectionKind.Campaign,
        Rule = ElectionRule.Refuse,
        FreezeAsnSharing = true,
        StartsAt = start,
        EndsAt = start.AddDays(30),
        Terms = ["Paslon 2", "Partai Maju", "José Ramírez"],
        CreatedBy = "editor",
        CreatedAt = start,
    };
}

public sealed class ElectionPeriodStoreOnLiteDb : ElectionPeriodStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ElectionPeriodStoreOnPostgreSql : ElectionPeriodStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
