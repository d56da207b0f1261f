namespace Broker.Adapters.X.Tests.Contract;

/// <summary>Retraction's delete (<see cref="IPostRemover"/>) of the X adapter against the sandbox's X API over real HTTP.</summary>
public sealed class XRemovalTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_published_post_is_deleted_and_deleting_it_again_finds_it_already_gone()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var account = XRequests.Account(XRequests.OAuth1Credentials());
        var published = Assert.IsType<PublishOutcome.Published>(await x.Adapter.PublishAsync(XRequests.Request(account, "Jadwal pemadaman listrik diralat."), Ct));
        var remover = Assert.IsAssignableFrom<IPostRemover>(x.Adapter);

        var first = await remover.RemoveAsync(account, published.RemotePostId, Ct);
        var second = await remover.RemoveAsync(account, published.RemotePostId, Ct);

        Assert.IsType<RemovalOutcome.Removed>(first);
        Assert.IsType<RemovalOutcome.AlreadyGone>(second);
        Assert.Empty(await x.PostsAsync());
    }

    [Fact]
    public async Task An_id_that_is_not_an_x_post_id_is_refused_without_a_call()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var account = XRequests.Account(XRequests.OAuth1Credentials());

        var outcome = await Assert.IsAssignableFrom<IPostRemover>(x.Adapter).RemoveAsync(account, "123/../../2/users", Ct);

        Assert.IsType<RemovalOutcome.CannotRemove>(outcome);
        Assert.Empty(x.State.RequestsFor("x", "/tweets"));
    }
}
