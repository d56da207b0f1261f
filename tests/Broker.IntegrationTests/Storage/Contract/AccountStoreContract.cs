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
