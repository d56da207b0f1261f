using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Facebook;

/// <summary>A correction by edit in place (<see cref="IPostEditor"/>) of a Facebook Page post, against the sandbox over real HTTP.</summary>
public sealed class FacebookEditTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    private IPostEditor Editor => Assert.IsAssignableFrom<IPostEditor>(harness.Facebook);

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_published_post_takes_the_corrected_text_and_setting_it_again_is_harmless()
    {
        var request = harness.Request("facebook", new RenderedPost { Text = "Vaksinasi hari Senin." });
        var published = Assert.IsType<PublishOutcome.Published>(await harness.Facebook.PublishAsync(request, CancellationToken.None));

        var first = await Editor.EditAsync(request.Account, published.RemotePostId, "Vaksinasi hari Selasa (ralat).", CancellationToken.None);
        var again = await Editor.EditAsync(request.Account, published.RemotePostId, "Vaksinasi hari Selasa (ralat).", CancellationToken.None);

        Assert.IsType<EditOutcome.Edited>(first);
        Assert.IsType<EditOutcome.Edited>(again);
        var post = Assert.Single(harness.Sandbox.State.Posts("facebook"));
        Assert.Equal((published.RemotePostId, "Vaksinasi hari Selasa (ralat)."), (post.Id, post.Text));
    }

    [Fact]
    public async Task A_deleted_post_is_gone_and_an_id_that_is_not_a_page_post_is_never_sent()
    {
        var request = harness.Request("facebook", new RenderedPost { Text = "Pengumuman." });
        var published = Assert.IsType<PublishOutcome.Published>(await harness.Facebook.PublishAsync(request, CancellationToken.None));
        Assert.IsType<RemovalOutcome.Removed>(await ((IPostRemover)harness.Facebook).RemoveAsync(request.Account, published.RemotePostId, CancellationToken.None));

        var gone = await Editor.EditAsync(request.Account, published.RemotePostId, "Ralat.", CancellationToken.None);
        var foreign = await Editor.EditAsync(request.Account, "me/feed", "Ralat.", CancellationToken.None);

        Assert.IsType<EditOutcome.Gone>(gone);
        Assert.IsType<EditOutcome.CannotEdit>(foreign);
        Assert.Single(harness.Sandbox.State.RequestsFor("facebook"), r => r.Endpoint == "post_edit");
    }

    [Fact]
    public void Instagram_offers_no_edit_in_place_so_its_corrections_retract_and_publish_again()
    {
        Assert.IsNotAssignableFrom<IPostEditor>(harness.Instagram);
        Assert.IsAssignableFrom<IPostRemover>(harness.Instagram);
    }
}
