using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Broker.Sandbox.Faults;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>
/// Faults no retry can cure, driven through the whole broker: no post on the sandbox, and a delivery that is
/// <c>failed</c> (a refusal) or <c>held</c> (credentials refused) carrying the platform's own reason. DeliveryOutcomeTests
/// covers a permanent refusal of Facebook's feed and a revoked Facebook token.
/// </summary>
public sealed class FaultRefusalTests
{
    public static TheoryData<string, string, string, string?, string> Permanent { get; } = new()
    {
        { "instagram", "media", FaultKinds.Permanent, null, "The image size is too large." },
        { "instagram", "media", FaultKinds.ContainerError, "2207026", "2207026" },
        { "x", "tweets", FaultKinds.Permanent, null, "One or more parameters to your request was invalid." },
        { "x", "media_upload", FaultKinds.Permanent, null, "One or more parameters to your request was invalid." },
    };

    public static TheoryData<string, string, string> Reauthorization { get; } = new()
    {
        { "facebook", "feed", "Session has expired" },
        { "instagram", "media", "Session has expired" },
        { "x", "tweets", "HTTP 401" },
    };

    [Theory]
    [MemberData(nameof(Permanent))]
    public async Task A_permanent_refusal_fails_the_delivery_with_the_platforms_reason_and_posts_nothing(
        string platform, string endpoint, string kind, string? status, string reason)
    {
        var fault = await FaultScenario.StartAsync(platform, kind);
        await using var scenario = fault.Scenario;
        fault.Sandbox.AddFault(FaultScenario.Fault(platform, endpoint, kind, status));

        var id = await fault.ApproveItemAsync(endpoint);

        var item = await scenario.WaitForItemStatusAsync(id, "failed");
        var delivery = Assert.Single(item["deliveries"]!.AsArray())!;
        Assert.Equal("failed", delivery.Str("status"));
        Assert.Contains(reason, delivery.Str("error"), StringComparison.Ordinal);
        Assert.Equal("deliveryReason.refused", delivery.Str("errorCode"));
        Assert.Empty(fault.Sandbox.Posts(null));
        Assert.True(fault.FaultWasInjected(kind), $"the sandbox never answered with {kind}");
    }

    [Theory]
    [MemberData(nameof(Reauthorization))]
    public async Task An_expired_token_holds_the_delivery_with_the_platforms_reason_until_new_credentials_publish_it_once(
        string platform, string endpoint, string reason)
    {
        var fault = await FaultScenario.StartAsync(platform, FaultKinds.TokenExpired);
        await using var scenario = fault.Scenario;
        fault.Sandbox.AddFault(FaultScenario.Fault(platform, endpoint, FaultKinds.TokenExpired));

        var id = await fault.ApproveItemAsync(endpoint);

        var held = await Eventually.WaitAsync(
            async () => (await scenario.ItemAsync(id))["deliveries"]![0]!, d => d.Str("status") == "held", "the delivery to be held");
        Assert.StartsWith("Account needs re-authorisation: ", held.Str("error"), StringComparison.Ordinal);
        Assert.Contains(reason, held.Str("error"), StringComparison.Ordinal);
        Assert.Equal("deliveryReason.reauthorization", held.Str("errorCode"));
        using (var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken))
        {
            var page = await (await editor.GetAsync("/pengiriman")).Content.ReadAsStringAsync();
            Assert.Contains("Platform menolak kredensial akun ini (izin dicabut atau token kedaluwarsa).", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/akun#account-{fault.Account}\"", page, StringComparison.Ordinal);
        }

        Assert.Equal("needsReauth", (await scenario.Api.GetJsonAsync($"/api/accounts/{fault.Account}")).Str("status"));
        Assert.Empty(fault.Sandbox.Posts(null));

        object credentials = platform == "x"
            ? new { consumerKey = "ck", consumerSecret = "cs", accessToken = fault.ExternalId + "-renewed", accessTokenSecret = "ats" }
            : new { accessToken = "renewed-token" };
        var (replace, _) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/accounts/{fault.Account}/credentials", new { credentials });
        Assert.Equal(200, (int)replace.StatusCode);
        var item = await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Equal(Assert.Single(fault.Sandbox.Posts(platform)).Id, item["deliveries"]![0]!.Str("remotePostId"));
        Assert.Null(item["deliveries"]![0]!["errorCode"]);
    }
}
