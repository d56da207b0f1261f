using Broker.Intake;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class ItemRevisionStoreContract : StoreContract
{
    private IStateChanges Changes => Get<IStateChanges>();

    private IItemRevisionStore Revisions => Get<IItemRevisionStore>();

    [Fact]
    public async Task An_inserted_item_keeps_its_first_content_and_each_edit_adds_a_version_in_order()
    {
        var item = Populated.Item("item-1", ItemStatus.Submitted);
        item.SubmittedBy = "reporter-1";
        item.MediaIds = ["photo-1"];
        item.CorrectsItemId = null;
        Assert.True(await Changes.CommitAsync(new StateChange().Insert(item), CancellationToken.None));
        var first = item.Title;

        item.Title = "Judul yang diperbaiki";
        item.MediaIds = ["photo-2", "photo-3"];
        Assert.True(await Changes.CommitAsync(
            new StateChange().Update(item).Insert(ItemRevision.Of(item, item.Version + 1, ItemRevision.Edited, "reporter-1", Populated.At.AddHours(1), "Foto kurang jelas")),
            CancellationToken.None));

        var versions = await Revisions.ListAsync("item-1", CancellationToken.None);
        Assert.Equal([(ItemRevision.Submitted, first, "reporter-1", (string?)null), (ItemRevision.Edited, "Judul yang diperbaiki", "reporter-1", "Foto kurang jelas")], versions.Select(v => (v.Kind, v.Title, v.By, v.Cause)));
        Assert.Equal([item.Version - 1, item.Version], versions.Select(v => v.ItemVersion));
        Assert.Equal(["photo-1"], versions[0].MediaIds);
        Assert.Equal(["photo-2", "photo-3"], versions[1].MediaIds);
        Assert.Equal((item.Body, Populated.At.AddHours(1)), (versions[1].Body, versions[1].At));
        Assert.Empty(await Revisions.ListAsync("ITEM-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_change_stores_no_version_and_of_two_edits_of_one_version_only_the_winners_is_kept()
    {
        var item = Populated.Item("item-1", ItemStatus.SentBack);
        Assert.True(await Changes.CommitAsync(new StateChange().Insert(item), CancellationToken.None));
        var (one, two) = (Copy(item, "Versi A"), Copy(item, "Versi B"));

        var won = await Task.WhenAll(new[] { one, two }.Select(edit => Task.Run(() => Changes.CommitAsync(
            new StateChange().Update(edit).Insert(ItemRevision.Of(edit, edit.Version + 1, ItemRevision.Edited, "reporter-1", Populated.At, null)), CancellationToken.None))));

        Assert.Single(won, w => w);
        var versions = await Revisions.ListAsync("item-1", CancellationToken.None);
        Assert.Equal(2, versions.Count);
        Assert.Equal(won[0] ? "Versi A" : "Versi B", versions[1].Title);
    }

    [Fact]
    public async Task The_versions_of_several_items_are_read_at_once()
    {
        foreach (var id in new[] { "item-1", "item-2", "item-3" })
        {
            Assert.True(await Changes.CommitAsync(new StateChange().Insert(Populated.Item(id)), CancellationToken.None));
        }

        var found = await Revisions.ListByItemsAsync(["item-1", "item-3", "item-9"], CancellationToken.None);

        Assert.Equal(["item-1", "item-3"], found.Select(r => r.ItemId).Order(StringComparer.Ordinal));
    }

    private static Item Copy(Item item, string title)
    {
        var copy = Populated.Item(item.Id, item.Status);
        copy.Version = item.Version;
        copy.Title = title;
        return copy;
    }
}

public sealed class ItemRevisionStoreOnLiteDb : ItemRevisionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ItemRevisionStoreOnPostgreSql : ItemRevisionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
