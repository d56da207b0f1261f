using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class InstallationSecretsContract : StoreContract
{
    private IInstallationSecrets Secrets => Get<IInstallationSecrets>();

    [Fact]
    public async Task A_secret_is_made_once_with_the_length_asked_and_the_same_bytes_are_given_ever_after()
    {
        var first = await Secrets.GetOrCreateAsync("visitor-salt", 32, CancellationToken.None);
        var again = await Secrets.GetOrCreateAsync("visitor-salt", 32, CancellationToken.None);
        var other = await Secrets.GetOrCreateAsync("Visitor-Salt", 32, CancellationToken.None);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Callers_asking_at_the_same_moment_all_get_the_one_secret_made()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var askers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Secrets.GetOrCreateAsync("visitor-salt", 32, CancellationToken.None);
        })).ToList();
        start.SetResult();

        var secrets = await Task.WhenAll(askers);

        Assert.Single(secrets.Select(Convert.ToHexString).Distinct());
        Assert.Equal(secrets[0], await Secrets.GetOrCreateAsync("visitor-salt", 32, CancellationToken.None));
    }
}

public sealed class InstallationSecretsOnLiteDb : InstallationSecretsContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class InstallationSecretsOnPostgreSql : InstallationSecretsContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
