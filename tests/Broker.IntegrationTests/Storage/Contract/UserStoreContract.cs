using Broker.Access;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class UserStoreContract : StoreContract
{
    private IUserStore Users => Get<IUserStore>();

    [Fact]
    public async Task A_user_is_read_back_with_every_property_by_exact_id_and_exact_token_hash()
    {
        var user = Populated.User("User-1", "ab12cd");
        PropertyAssert.FullyPopulated(user);

        await Users.AddAsync(user, CancellationToken.None);

        PropertyAssert.Same(user, await Users.GetAsync("User-1", CancellationToken.None));
        PropertyAssert.Same(user, await Users.FindByTokenHashAsync("ab12cd", CancellationToken.None));
        Assert.Null(await Users.GetAsync("user-1", CancellationToken.None));
        Assert.Null(await Users.FindByTokenHashAsync("AB12CD", CancellationToken.None));
    }

    [Fact]
    public async Task Whether_any_user_exists_is_known_before_and_after_the_first()
    {
        Assert.False(await Users.AnyAsync(CancellationToken.None));

        await Users.AddAsync(Populated.User("u-1", "h1"), CancellationToken.None);

        Assert.True(await Users.AnyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Users_are_listed_oldest_first()
    {
        await Users.AddAsync(Populated.User("u-1", "h1", Populated.At.AddDays(2)), CancellationToken.None);
        await Users.AddAsync(Populated.User("u-2", "h2", Populated.At), CancellationToken.None);
        await Users.AddAsync(Populated.User("u-3", "h3", Populated.At.AddDays(1)), CancellationToken.None);

        Assert.Equal(["u-2", "u-3", "u-1"], (await Users.ListAsync(CancellationToken.None)).Select(u => u.Id));
    }

    [Fact]
    public async Task A_second_user_with_a_stored_id_or_token_hash_is_refused_as_a_duplicate()
    {
        await Users.AddAsync(Populated.User("u-1", "h1"), CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => Users.AddAsync(Populated.User("u-1", "h2"), CancellationToken.None));
        await Assert.ThrowsAsync<DuplicateKeyException>(() => Users.AddAsync(Populated.User("u-2", "h1"), CancellationToken.None));

        Assert.Single(await Users.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Of_many_first_users_added_at_once_on_an_empty_store_exactly_one_is_stored()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 24).Select(n =>
            Task.Run(() => Users.AddFirstAsync(Populated.User($"u-{n}", $"h{n}"), CancellationToken.None))));

        Assert.Equal(1, added.Count(a => a));
        var stored = Assert.Single(await Users.ListAsync(CancellationToken.None));
        Assert.Equal($"u-{Array.IndexOf(added, true)}", stored.Id);
    }

    [Fact]
    public async Task A_first_user_is_not_added_once_any_user_exists()
    {
        await Users.AddAsync(Populated.User("u-1", "h1"), CancellationToken.None);

        Assert.False(await Users.AddFirstAsync(Populated.User("u-2", "h2"), CancellationToken.None));

        Assert.Equal(["u-1"], (await Users.ListAsync(CancellationToken.None)).Select(u => u.Id));
    }

    [Fact]
    public async Task An_update_replaces_the_stored_user_and_its_token_hash()
    {
        var user = Populated.User("u-1", "h1");
        await Users.AddAsync(user, CancellationToken.None);
        user.TokenHash = "h2";
        user.RevokedAt = null;

        await Users.UpdateAsync(user, CancellationToken.None);

        PropertyAssert.Same(user, await Users.FindByTokenHashAsync("h2", CancellationToken.None));
        Assert.Null(await Users.FindByTokenHashAsync("h1", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Users.UpdateAsync(Populated.User("u-9", "h9"), CancellationToken.None));
    }

    // Every request signs in through these two look-ups, and a provider may keep what they found: a revocation or a
    // rotated token must still count from the next look-up after it, even with look-ups running while it is written.
    [Fact]
    public async Task A_revocation_or_a_rotated_token_counts_from_the_next_look_up_even_amid_look_ups()
    {
        var user = Populated.User("u-1", "h1");
        user.RevokedAt = null;
        await Users.AddAsync(user, CancellationToken.None);
        Assert.NotNull(await Users.FindByTokenHashAsync("h1", CancellationToken.None));

        using var stop = new CancellationTokenSource();
        var lookUps = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Users.FindByTokenHashAsync("h1", CancellationToken.None);
                await Users.GetAsync("u-1", CancellationToken.None);
            }
        })).ToList();

        user.RevokedAt = Populated.At;
        await Users.UpdateAsync(user, CancellationToken.None);
        Assert.Equal(Populated.At, (await Users.FindByTokenHashAsync("h1", CancellationToken.None))!.RevokedAt);
        Assert.Equal(Populated.At, (await Users.GetAsync("u-1", CancellationToken.None))!.RevokedAt);

        user.TokenHash = "h2";
        await Users.UpdateAsync(user, CancellationToken.None);
        Assert.Null(await Users.FindByTokenHashAsync("h1", CancellationToken.None));
        Assert.Equal("h2", (await Users.GetAsync("u-1", CancellationToken.None))!.TokenHash);

        await stop.CancelAsync();
        await Task.WhenAll(lookUps);
    }

    [Fact]
    public async Task A_user_looked_up_is_the_callers_own_copy()
    {
        await Users.AddAsync(Populated.User("u-1", "h1"), CancellationToken.None);

        var found = (await Users.FindByTokenHashAsync("h1", CancellationToken.None))!;
        found.Role = UserRole.Editor;
        found.RevokedAt = null;
        var got = (await Users.GetAsync("u-1", CancellationToken.None))!;
        got.Name = "changed";

        PropertyAssert.Same(Populated.User("u-1", "h1"), await Users.FindByTokenHashAsync("h1", CancellationToken.None));
        PropertyAssert.Same(Populated.User("u-1", "h1"), await Users.GetAsync("u-1", CancellationToken.None));
    }
}

public sealed class UserStoreOnLiteDb : UserStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class UserStoreOnPostgreSql : UserStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
