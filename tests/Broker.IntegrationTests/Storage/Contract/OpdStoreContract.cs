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
}

public sealed class OpdStoreOnLiteDb : OpdStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class OpdStoreOnPostgreSql : OpdStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
