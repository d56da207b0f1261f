using Broker.Accounts;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class OpdStoreContract : StoreContract
{
    [Fact]
    public async Task An_opd_is_added_once_and_read_back_by_its_exact_code()
    {
        var opds = Get<IOpdStore>();

        Assert.True(await opds.TryAddAsync(new Opd { Id = "dinkes", Name = "Dinas Kesehatan" }, CancellationToken.None));
        Assert.False(await opds.TryAddAsync(new Opd { Id = "dinkes", Name = "Another" }, CancellationToken.None));

        var stored = await opds.GetAsync("dinkes", CancellationToken.None);
        Assert.Equal("Dinas Kesehatan", stored?.Name);
        Assert.Null(await opds.GetAsync("DINKES", CancellationToken.None));
        Assert.Single(await opds.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_rename_from_the_stored_version_wins_once_and_a_rename_from_an_older_version_changes_nothing()
    {
        var opds = Get<IOpdStore>();
        await opds.TryAddAsync(new Opd { Id = "dinkes", Name = "Dinas Kesehatan" }, CancellationToken.None);

        var renames = await Task.WhenAll(
            opds.TryRenameAsync("dinkes", 0, "Dinas Kesehatan Kota", CancellationToken.None),
            opds.TryRenameAsync("dinkes", 0, "Dinkes", CancellationToken.None));

        Assert.Single(renames, won => won);
        var stored = await opds.GetAsync("dinkes", CancellationToken.None);
        Assert.Equal(1, stored!.Version);
        Assert.Contains(stored.Name, new[] { "Dinas Kesehatan Kota", "Dinkes" });
        Assert.False(await opds.TryRenameAsync("dinkes", 0, "Lama", CancellationToken.None));
        Assert.False(await opds.TryRenameAsync("nowhere", 0, "Tidak ada", CancellationToken.None));
        Assert.True(await opds.TryRenameAsync("dinkes", 1, "Dinas Kesehatan", CancellationToken.None));
        Assert.Equal(("Dinas Kesehatan", 2L), ((await opds.GetAsync("dinkes", CancellationToken.None))!.Name, (await opds.ListAsync(CancellationToken.None))[0].Version));
    }

    [Fact]
    public async Task A_listed_opd_is_the_holders_own_copy_and_a_list_shows_each_rename_and_add_at_once()
    {
        var opds = Get<IOpdStore>();
        await opds.TryAddAsync(new Opd { Id = "dinkes", Name = "Dinas Kesehatan" }, CancellationToken.None);

        var listed = Assert.Single(await opds.ListAsync(CancellationToken.None));
        listed.Name = "changed by the caller";
        Assert.Equal("Dinas Kesehatan", Assert.Single(await opds.ListAsync(CancellationToken.None)).Name);

        Assert.True(await opds.TryRenameAsync("dinkes", 0, "Dinkes Kota", CancellationToken.None));
        var renamed = Assert.Single(await opds.ListAsync(CancellationToken.None));
        Assert.Equal(("Dinkes Kota", 1L), (renamed.Name, renamed.Version));

        await opds.TryAddAsync(new Opd { Id = "bappeda", Name = "Bappeda" }, CancellationToken.None);
        Assert.Equal(["bappeda", "dinkes"], (await opds.ListAsync(CancellationToken.None)).Select(o => o.Id));
    }

    [Fact]
    public async Task Lists_read_while_opds_are_added_at_once_are_each_in_order_and_the_last_holds_every_opd()
    {
        var opds = Get<IOpdStore>();
        var ids = Enumerable.Range(0, 24).Select(i => $"opd-{i:D2}").ToArray();
        var lists = await ListWhileAddingAsync(
            ids,
            async id => Assert.True(await opds.TryAddAsync(new Opd { Id = id, Name = id }, CancellationToken.None)),
            async () => [.. (await opds.ListAsync(CancellationToken.None)).Select(o => o.Id)]);

        Assert.All(lists, list => Assert.Equal(list.Order(StringComparer.Ordinal), list));
        Assert.Equal(ids, (await opds.ListAsync(CancellationToken.None)).Select(o => o.Id));
    }
}

public sealed class OpdStoreOnLiteDb : OpdStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class OpdStoreOnPostgreSql : OpdStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
