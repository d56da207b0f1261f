using Broker.Accounts;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AccountStoreContract : StoreContract
{
    private IAccountStore Accounts => Get<IAccountStore>();

    [Fact]
    public async Task An_account_is_read_back_with_every_property_by_its_exact_id()
    {
        var account = Populated.Account("Acc-1");
        PropertyAssert.FullyPopulated(account);

        await Accounts.AddAsync(account, CancellationToken.None);

        PropertyAssert.Same(account, await Accounts.GetAsync("Acc-1", CancellationToken.None));
        Assert.Null(await Accounts.GetAsync("acc-1", CancellationToken.None));
    }

    [Fact]
    public async Task An_update_replaces_the_stored_account_and_an_update_of_none_fails()
    {
        var account = Populated.Account("acc-1");
        await Accounts.AddAsync(account, CancellationToken.None);
        account.Status = AccountStatus.Active;
        account.StatusReason = null;
        account.Opd = "dishub";

        await Accounts.UpdateAsync(account, CancellationToken.None);

        PropertyAssert.Same(account, await Accounts.GetAsync("acc-1", CancellationToken.None));
        Assert.Equal(["acc-1"], Ids(await Accounts.ListAsync("dishub", CancellationToken.None)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Accounts.UpdateAsync(Populated.Account("acc-2"), CancellationToken.None));
    }

    [Fact]
    public async Task Adding_an_account_whose_id_is_stored_is_refused_as_a_duplicate()
    {
        await Accounts.AddAsync(Populated.Account("acc-1"), CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => Accounts.AddAsync(Populated.Account("acc-1", "dishub"), CancellationToken.None));

        Assert.Equal("dinkes", (await Accounts.GetAsync("acc-1", CancellationToken.None))!.Opd);
    }

    [Fact]
    public async Task Accounts_are_listed_in_id_order_all_or_of_one_exact_opd()
    {
        foreach (var (id, opd) in new[] { ("c", "dinkes"), ("a", "dishub"), ("b", "dinkes"), ("d", "Dinkes") })
        {
            await Accounts.AddAsync(Populated.Account(id, opd), CancellationToken.None);
        }

        Assert.Equal(["a", "b", "c", "d"], Ids(await Accounts.ListAsync(null, CancellationToken.None)));
        Assert.Equal(["b", "c"], Ids(await Accounts.ListAsync("dinkes", CancellationToken.None)));
    }

    [Fact]
    public async Task A_listed_account_is_the_holders_own_copy()
    {
        await Accounts.AddAsync(Populated.Account("acc-1"), CancellationToken.None);

        var listed = (await Accounts.ListAsync(null, CancellationToken.None)).Single();
        listed.Name = "changed by the caller";
        listed.Status = AccountStatus.Active;

        var again = (await Accounts.ListAsync("dinkes", CancellationToken.None)).Single();
        Assert.NotSame(listed, again);
        Assert.Equal(Populated.Account("acc-1").Name, again.Name);
        Assert.Equal(Populated.Account("acc-1").Status, again.Status);
    }

    [Fact]
    public async Task A_list_shows_each_committed_change_at_once_whether_the_store_or_a_state_change_made_it()
    {
        await Accounts.AddAsync(Populated.Account("acc-1"), CancellationToken.None);
        Assert.Single(await Accounts.ListAsync(null, CancellationToken.None)); // read, and on LiteDB kept

        var account = (await Accounts.GetAsync("acc-1", CancellationToken.None))!;
        account.Name = "Halaman Dinkes";
        await Accounts.UpdateAsync(account, CancellationToken.None);
        Assert.Equal("Halaman Dinkes", (await Accounts.ListAsync(null, CancellationToken.None)).Single().Name);

        account = (await Accounts.GetAsync("acc-1", CancellationToken.None))!;
        account.Status = AccountStatus.Active;
        Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Update(account), CancellationToken.None));
        Assert.Equal(AccountStatus.Active, (await Accounts.ListAsync("dinkes", CancellationToken.None)).Single().Status);

        await Accounts.AddAsync(Populated.Account("acc-0", "dinkes"), CancellationToken.None);
        Assert.Equal(["acc-0", "acc-1"], Ids(await Accounts.ListAsync("dinkes", CancellationToken.None)));
    }

    [Fact]
    public async Task Lists_read_while_accounts_are_added_at_once_are_each_in_order_and_the_last_holds_every_account()
    {
        var ids = Enumerable.Range(0, 24).Select(i => $"acc-{i:D2}").ToArray();
        var lists = await ListWhileAddingAsync(
            ids,
            id => Accounts.AddAsync(Populated.Account(id), CancellationToken.None),
            async () => Ids(await Accounts.ListAsync(null, CancellationToken.None)));

        Assert.All(lists, list => Assert.Equal(list.Order(StringComparer.Ordinal), list));
        Assert.Equal(ids, Ids(await Accounts.ListAsync(null, CancellationToken.None)));
    }

    private static string[] Ids(IEnumerable<Account> accounts) => [.. accounts.Select(a => a.Id)];
}

public sealed class AccountStoreOnLiteDb : AccountStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class AccountStoreOnPostgreSql : AccountStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
