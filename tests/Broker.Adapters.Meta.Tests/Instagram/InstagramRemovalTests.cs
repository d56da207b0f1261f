using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Instagram;

/// <summary>
/// Retraction's delete (<see cref="IPostRemover"/>) of the Instagram adapter: Meta's IG Media reference says media cannot
/// be deleted through the API, which the sandbox plays by default; some accounts can, which it plays when asked.
/// </summary>
public sealed class InstagramRemovalTests
{
    [Fact]
    public async Task Instagram_cannot_delete_a_post_through_its_api_so_a_person_removes_it_at_its_permalink()
    {
        await using var harness = await MetaHarness.StartAsync();
        var (request, published) = await PublishAsync(harness);

        var outcome = await Assert.IsAssignableFrom<IPostRemover>(harness.Instagram).RemoveAsync(request.Account, published.RemotePostId, CancellationToken.None);

        Assert.Contains("cannot delete", Assert.IsType<RemovalOutcome.CannotRemove>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(harness.Sandbox.State.Posts("instagram"));
    }

    [Fact]
    public async Task Where_the_account_allows_it_the_media_is_deleted()
    {
        await using var harness = await MetaHarness.StartAsync(configureSandbox: o => o.InstagramDeleteSupported = true);
        var (request, published) = await PublishAsync(harness);

        var outcome = await Assert.IsAssignableFrom<IPostRemover>(harness.Instagram).RemoveAsync(request.Account, published.RemotePostId, CancellationToken.None);

        Assert.IsType<RemovalOutcome.Removed>(outcome);
        Assert.Empty(harness.Sandbox.State.Posts("instagram"));
    }

    private static async Task<(PublishRequest Request, PublishOutcome.Published Published)> PublishAsync(MetaHarness harness)
    {
        var request = harness.Request("instagram", new RenderedPost { Text = "Lomba kebersihan kampung.", Media = [harness.Photos.Photo("lomba")] });
        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(request, CancellationToken.None));
        return (request, Assert.IsType<PublishOutcome.Published>(outcome));
    }
}
