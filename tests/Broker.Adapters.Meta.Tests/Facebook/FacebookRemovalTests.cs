using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Facebook;

/// <summary>Retraction's delete (<see cref="IPostRemover"/>) of the Facebook adapter against the sandbox over real HTTP.</summary>
public sealed class FacebookRemovalTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    private IPostRemover Remover => Assert.IsAssignableFrom<IPostRemover>(harness.Facebook);

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_published_post_is_deleted_and_deleting_it_again_finds_it_already_gone()
    {
        var request = harness.Request("facebook", new RenderedPost { Text = "Jadwal vaksinasi diralat." });
        var published = Assert.IsType<PublishOutcome.Published>(await harness.Facebook.PublishAsync(request, CancellationToken.None));

        var first = await Remover.RemoveAsync(request.Account, published.RemotePostId, CancellationToken.None);
        var second = await Remover.RemoveAsync(request.Account, published.RemotePostId, CancellationToken.None);

        Assert.IsType<RemovalOutcome.Removed>(first);
        Assert.IsType<RemovalOutcome.AlreadyGone>(second);
        Assert.Empty(harness.Sandbox.State.Posts("facebook"));
        Assert.Equal(2, harness.Sandbox.State.RequestsFor("facebook").Count(r => r.Endpoint == "post_delete"));
    }

    [Fact]
    public async Task A_post_the_page_does_not_have_is_already_gone_and_an_id_of_another_shape_is_never_sent()
    {
        var account = harness.Request("facebook", new RenderedPost { Text = "-" }).Account;

        var unknown = await Remover.RemoveAsync(account, $"{MetaHarness.PageId}_999999", CancellationToken.None);
        var foreign = await Remover.RemoveAsync(account, "../me/feed", CancellationToken.None);

        Assert.IsType<RemovalOutcome.AlreadyGone>(unknown);
        Assert.IsType<RemovalOutcome.CannotRemove>(foreign);
        Assert.Single(harness.Sandbox.State.RequestsFor("facebook"), r => r.Endpoint == "post_delete");
    }

    [Fact]
    public async Task A_revoked_token_asks_a_person_to_reconnect_the_page_before_the_post_can_go()
    {
        var request = harness.Request("facebook", new RenderedPost { Text = "Pengumuman." });
        var published = Assert.IsType<PublishOutcome.Published>(await harness.Facebook.PublishAsync(request, CancellationToken.None));
        harness.Sandbox.State.RevokeToken("facebook", MetaHarness.Token);

        var outcome = await Remover.RemoveAsync(request.Account, published.RemotePostId, CancellationToken.None);

        Assert.IsType<RemovalOutcome.NeedsReauthorization>(outcome);
        Assert.Single(harness.Sandbox.State.Posts("facebook"));
    }
}
