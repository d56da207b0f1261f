using Broker.Access;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class SignInLinkStoreContract : StoreContract
{
    private ISignInLinkStore Links => Get<ISignInLinkStore>();

    [Fact]
    public async Task A_link_is_read_back_and_used_once_before_it_expires()
    {
        var link = Link("link-1");
        await Links.AddAllAsync([link, Link("link-2")], CancellationToken.None);

        var stored = await Links.GetAsync("link-1", CancellationToken.None);
        Assert.Equal(("user-1", "editor-1", Populated.At, Populated.At.AddHours(24), (DateTimeOffset?)null), (stored!.UserId, stored.CreatedBy, stored.CreatedAt, stored.ExpiresAt, stored.UsedAt));
        Assert.Null(await Links.GetAsync("LINK-1", CancellationToken.None));

        var used = await Links.TryUseAsync("link-1", Populated.At.AddHours(1), CancellationToken.None);
        Assert.Equal("user-1", used?.UserId);
        Assert.Null(await Links.TryUseAsync("link-1", Populated.At.AddHours(2), CancellationToken.None));
        Assert.Equal(Populated.At.AddHours(1), (await Links.GetAsync("link-1", CancellationToken.None))!.UsedAt);
        Assert.Null(await Links.TryUseAsync("link-2", Populated.At.AddHours(24), CancellationToken.None));
        Assert.Null(await Links.TryUseAsync("unknown", Populated.At, CancellationToken.None));
        Assert.Null((await Links.GetAsync("link-2", CancellationToken.None))!.UsedAt);
    }

    [Fact]
    public async Task Of_many_uses_of_one_link_at_once_exactly_one_succeeds()
    {
        await Links.AddAllAsync([Link("link-1")], CancellationToken.None);

        var uses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Links.TryUseAsync("link-1", Populated.At.AddMinutes(i), CancellationToken.None)));

        Assert.Single(uses, u => u is not null);
    }

    [Fact]
    public async Task Links_that_expired_before_a_time_are_removed_and_the_others_kept()
    {
        var later = Link("link-2");
        later.ExpiresAt = Populated.At.AddDays(3);
        await Links.AddAllAsync([Link("link-1"), later], CancellationToken.None);

        Assert.Equal(1, await Links.DeleteExpiredAsync(Populated.At.AddDays(2), CancellationToken.None));
        Assert.Null(await Links.GetAsync("link-1", CancellationToken.None));
        Assert.NotNull(await Links.GetAsync("link-2", CancellationToken.None));
    }

    private static SignInLink Link(string id) =>
        new() { Id = id, UserId = "user-1", CreatedBy = "editor-1", CreatedAt = Populated.At, ExpiresAt = Populated.At.AddHours(24) };
}

public sealed class SignInLinkStoreOnLiteDb : SignInLinkStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class SignInLinkStoreOnPostgreSql : SignInLinkStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
