using Broker.Amplification;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AmplificationStoreContract : StoreContract
{
    private IAmplificationStore Requests => Get<IAmplificationStore>();

    [Fact]
    public async Task A_request_is_read_back_with_every_property_by_its_exact_id()
    {
        var request = Populated.Request("Req-1", status: AmplificationStatus.Declined);
        PropertyAssert.FullyPopulated(request);

        await Requests.AddAsync(request, CancellationToken.None);

        PropertyAssert.Same(request, await Requests.GetAsync("Req-1", CancellationToken.None));
        Assert.Null(await Requests.GetAsync("req-1", CancellationToken.None));
    }

    [Fact]
    public async Task Requests_are_listed_by_opd_and_status_newest_first()
    {
        await Requests.AddAsync(Populated.Request("a", "dinkes", AmplificationStatus.Requested, Populated.At), CancellationToken.None);
        await Requests.AddAsync(Populated.Request("b", "dishub", AmplificationStatus.Accepted, Populated.At.AddHours(1)), CancellationToken.None);
        await Requests.AddAsync(Populated.Request("c", "dinkes", AmplificationStatus.Accepted, Populated.At.AddHours(2)), CancellationToken.None);

        Assert.Equal(["c", "b", "a"], Ids(await Requests.ListAsync(null, null, CancellationToken.None)));
        Assert.Equal(["c", "a"], Ids(await Requests.ListAsync("dinkes", null, CancellationToken.None)));
        Assert.Equal(["c", "b"], Ids(await Requests.ListAsync(null, AmplificationStatus.Accepted, CancellationToken.None)));
        Assert.Equal(["a"], Ids(await Requests.ListAsync("dinkes", AmplificationStatus.Requested, CancellationToken.None)));
    }

    [Fact]
    public async Task Adding_a_request_whose_id_is_stored_is_refused_as_a_duplicate()
    {
        await Requests.AddAsync(Populated.Request("r-1"), CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => Requests.AddAsync(Populated.Request("r-1", "dishub"), CancellationToken.None));

        Assert.Equal("dinkes", (await Requests.GetAsync("r-1", CancellationToken.None))!.Opd);
    }

    private static string[] Ids(IEnumerable<AmplificationRequest> requests) => [.. requests.Select(r => r.Id)];
}

public sealed class AmplificationStoreOnLiteDb : AmplificationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class AmplificationStoreOnPostgreSql : AmplificationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
