using Broker.Asn;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AsnImportStoreContract : StoreContract
{
    private IAsnImportStore Previews => Get<IAsnImportStore>();

    [Fact]
    public async Task A_preview_is_read_back_claimed_once_and_finished_with_its_count()
    {
        await Previews.AddAsync(Preview("p-1"), CancellationToken.None);
        var stored = await Previews.GetAsync("p-1", CancellationToken.None);
        Assert.Equal(("editor-1", Populated.At, 300, 2), (stored!.CreatedBy, stored.CreatedAt, stored.Accepted, stored.Refused));
        Assert.Equal([1, 2, 3], stored.Csv);
        Assert.Null(stored.ConfirmedAt);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Previews.TryClaimAsync("p-1", "editor-2", Populated.At.AddMinutes(1), Populated.At, CancellationToken.None)));
        Assert.Single(claims, c => c);
        await Previews.FinishAsync("p-1", 300, CancellationToken.None);

        var finished = await Previews.GetAsync("p-1", CancellationToken.None);
        Assert.Equal((Populated.At.AddMinutes(1), "editor-2", 300), (finished!.ConfirmedAt, finished.ConfirmedBy, finished.Imported));
        Assert.False(await Previews.TryClaimAsync("p-1", "editor-2", Populated.At.AddDays(1), Populated.At.AddHours(1), CancellationToken.None));
        Assert.False(await Previews.TryClaimAsync("unknown", "editor-2", Populated.At, Populated.At, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_left_unfinished_is_claimed_again_only_once_it_is_stale_and_a_released_claim_at_once()
    {
        await Previews.AddAsync(Preview("p-1"), CancellationToken.None);
        await Previews.AddAsync(Preview("p-2"), CancellationToken.None);
        Assert.True(await Previews.TryClaimAsync("p-1", "editor-1", Populated.At, Populated.At.AddMinutes(-10), CancellationToken.None));
        Assert.True(await Previews.TryClaimAsync("p-2", "editor-1", Populated.At, Populated.At.AddMinutes(-10), CancellationToken.None));

        Assert.False(await Previews.TryClaimAsync("p-1", "editor-2", Populated.At.AddMinutes(5), Populated.At.AddMinutes(-5), CancellationToken.None));
        Assert.True(await Previews.TryClaimAsync("p-1", "editor-2", Populated.At.AddMinutes(11), Populated.At.AddMinutes(1), CancellationToken.None));
        await Previews.FinishAsync("p-2", null, CancellationToken.None);
        Assert.Null((await Previews.GetAsync("p-2", CancellationToken.None))!.ConfirmedAt);
        Assert.True(await Previews.TryClaimAsync("p-2", "editor-2", Populated.At.AddMinutes(1), Populated.At.AddMinutes(-9), CancellationToken.None));
    }

    [Fact]
    public async Task Previews_made_before_a_time_are_removed()
    {
        var later = Preview("p-2");
        later.CreatedAt = Populated.At.AddDays(1);
        await Previews.AddAsync(Preview("p-1"), CancellationToken.None);
        await Previews.AddAsync(later, CancellationToken.None);

        Assert.Equal(1, await Previews.DeleteOlderAsync(Populated.At.AddHours(1), CancellationToken.None));
        Assert.Null(await Previews.GetAsync("p-1", CancellationToken.None));
        Assert.NotNull(await Previews.GetAsync("p-2", CancellationToken.None));
    }

    private static AsnImportPreview Preview(string id) =>
        new() { Id = id, CreatedBy = "editor-1", CreatedAt = Populated.At, Csv = [1, 2, 3], Accepted = 300, Refused = 2 };
}

public sealed class AsnImportStoreOnLiteDb : AsnImportStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class AsnImportStoreOnPostgreSql : AsnImportStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
