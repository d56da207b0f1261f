using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>
/// Every fault the platforms can recover from, driven through the whole broker (item, approval, delivery) over real
/// HTTP: the end state on the sandbox is exactly one post per delivery, the one the delivery records. The ambiguous
/// ones (the post stored and the answer lost, a server fault or a duplicate answer to the publishing call) prove the
/// broker reconciles instead of posting twice. DeliveryOutcomeTests covers a 503 on Facebook's feed.
/// </summary>
public sealed class FaultRecoveryTests
{
    public static TheoryData<string, string, string> Recoverable { get; } = new()
    {
        { "facebook", "feed", FaultKinds.Http500 },
        { "facebook", "feed", FaultKinds.Transient },
        { "facebook", "feed", FaultKinds.RateLimit },
        { "facebook", "feed", FaultKinds.TimeoutAfterStore },
        { "facebook", "feed", FaultKinds.DropAfterStore },
        { "facebook", "feed", FaultKinds.Drop },
        { "facebook", "feed", FaultKinds.Duplicate },
        { "facebook", "photos", FaultKinds.Http503 },
        { "facebook", "photos", FaultKinds.TimeoutAfterStore },
        { "instagram", "media", FaultKinds.Http503 },
        { "instagram", "media", FaultKinds.Transient },
        { "instagram", "media", FaultKinds.Drop },
        { "instagram", "media", FaultKinds.ContainerInProgress },
        { "instagram", "media", FaultKinds.ContainerError },
        { "instagram", "container_status", FaultKinds.Drop },
        { "instagram", "content_publishing_limit", FaultKinds.RateLimit },
        { "instagram", "media_publish", FaultKinds.Http500 },
        { "instagram", "media_publish", FaultKinds.Http503 },
        { "instagram", "media_publish", FaultKinds.Transient },
        { "instagram", "media_publish", FaultKinds.RateLimit },
        { "instagram", "media_publish", FaultKinds.TimeoutAfterStore },
        { "instagram", "media_publish", FaultKinds.DropAfterStore },
        { "instagram", "media_publish", FaultKinds.Drop },
        { "x", "tweets", FaultKinds.Http500 },
        { "x", "tweets", FaultKinds.Http503 },
        { "x", "tweets", FaultKinds.Transient },
        { "x", "tweets", FaultKinds.RateLimit },
        { "x", "tweets", FaultKinds.TimeoutAfterStore },
        { "x", "tweets", FaultKinds.DropAfterStore },
        { "x", "tweets", FaultKinds.Drop },
        { "x", "tweets", FaultKinds.Duplicate },
        { "x", "media_upload", FaultKinds.Http503 },
        { "x", "media_upload", FaultKinds.Drop },
    };

    [Theory]
    [MemberData(nameof(Recoverable))]
    public async Task A_recoverable_fault_ends_in_exactly_one_post_the_delivery_knows(string platform, string endpoint, string kind)
    {
        var fault = await FaultScenario.StartAsync(platform, kind);
        await using var scenario = fault.Scenario;
        fault.Sandbox.AddFault(FaultScenario.Fault(platform, endpoint, kind));

        var id = await fault.ApproveItemAsync(endpoint);

        var item = await Eventually.WaitAsync(() => scenario.ItemAsync(id), i => i.Str("status") != "approved", $"item {id} to settle");
        var delivery = Assert.Single(item["deliveries"]!.AsArray())!;
        Assert.True(item.Str("status") == "published", $"the item ended {item.Str("status")}: {delivery["error"]}");
        var post = Assert.Single(fault.Sandbox.Posts(null));
        Assert.Equal((platform, fault.ExternalId), (post.Platform, post.AccountId));
        Assert.Equal(post.Id, delivery.Str("remotePostId"));
        Assert.True(fault.FaultWasInjected(kind), $"the sandbox never answered with {kind}");
    }

    [Theory]
    [InlineData("facebook", "feed", "published_posts")]
    [InlineData("instagram", "media_publish", "media_list")]
    [InlineData("x", "tweets", "user_tweets")]
    public async Task A_refused_look_for_the_earlier_post_is_asked_again_not_taken_as_the_deliverys_fate(string platform, string publish, string lookup)
    {
        var fault = await FaultScenario.StartAsync(platform, FaultKinds.TimeoutAfterStore);
        await using var scenario = fault.Scenario;
        fault.Sandbox.AddFault(FaultScenario.Fault(platform, publish, FaultKinds.TimeoutAfterStore));
        fault.Sandbox.AddFault(FaultScenario.Fault(platform, lookup, FaultKinds.Permanent));

        var id = await fault.ApproveItemAsync(publish);

        var item = await Eventually.WaitAsync(() => scenario.ItemAsync(id), i => i.Str("status") != "approved", $"item {id} to settle");
        var delivery = item["deliveries"]![0]!;
        Assert.True(item.Str("status") == "published", $"the item ended {item.Str("status")}: {delivery["error"]}");
        Assert.Equal(Assert.Single(fault.Sandbox.Posts(null)).Id, delivery.Str("remotePostId"));
        Assert.True(fault.FaultWasInjected(FaultKinds.Permanent), "the look-up was never refused");
    }

    [Theory]
    [InlineData(FaultKinds.ContainerInProgress, 1)]
    [InlineData(FaultKinds.ContainerError, 2)]
    public async Task An_Instagram_container_is_resumed_while_it_can_still_be_published_and_replaced_when_it_cannot(string kind, int containers)
    {
        var fault = await FaultScenario.StartAsync("instagram", kind);
        await using var scenario = fault.Scenario;
        fault.Sandbox.AddFault(FaultScenario.Fault("instagram", "media", kind));

        var id = await fault.ApproveItemAsync("media");

        await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Single(fault.Sandbox.Posts("instagram"));
        Assert.Equal(containers, fault.Sandbox.RequestsFor("instagram", "/media").Count(r => r.Method == "POST" && r.Endpoint == "media"));
    }
}
