using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>What the platform answers becomes the delivery's state, with the platform's reason.</summary>
public sealed class DeliveryOutcomeTests
{
    [Fact]
    public async Task A_transient_platform_failure_is_retried_and_published_once()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Http503));
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var item = await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Equal(2, item["deliveries"]![0]!["attempts"]!.GetValue<int>());
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_delivery_and_the_item_with_the_platforms_reason()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Permanent, Message: "Invalid parameter: link"));
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var item = await scenario.WaitForItemStatusAsync(id, "failed");
        var delivery = item["deliveries"]![0]!;
        Assert.Equal("failed", delivery.Str("status"));
        Assert.Contains("Invalid parameter", delivery.Str("error"), StringComparison.Ordinal);
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));
        var failed = await scenario.Api.GetJsonAsync("/api/deliveries?status=failed");
        Assert.Single(failed.AsArray());
    }

    [Fact]
    public async Task A_revoked_token_holds_the_accounts_deliveries_until_new_credentials_arrive_then_they_publish()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001", new { accessToken = "old-token" });
        scenario.Sandbox.State.RevokeToken("facebook", "old-token");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        await Eventually.WaitAsync(() => scenario.ItemAsync(id), i => i["deliveries"]![0]!.Str("status") == "held", "the delivery to be held");
        var account = await scenario.Api.GetJsonAsync($"/api/accounts/{fb}");
        Assert.Equal("needsReauth", account.Str("status"));
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));

        var second = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Berita kedua");
        await scenario.Api.PostExpectAsync($"/api/items/{second}/approve", null, 200);
        await Eventually.WaitAsync(() => scenario.ItemAsync(second), i => i["deliveries"]![0]!.Str("status") == "held", "the second delivery to be held");

        var (replace, replaced) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/accounts/{fb}/credentials", new { credentials = new { accessToken = "new-token" } });
        Assert.Equal(200, (int)replace.StatusCode);
        Assert.Equal("active", replaced!.Str("status"));

        await scenario.WaitForItemStatusAsync(id, "published");
        await scenario.WaitForItemStatusAsync(second, "published");
        Assert.Equal(2, scenario.Sandbox.State.Posts("facebook").Count);
    }

    [Fact]
    public async Task A_cancelled_delivery_is_never_published()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: TimeProvider.System.GetUtcNow().AddHours(1));
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var delivery = (await scenario.ItemAsync(id))["deliveries"]![0]!.Str("id");

        var cancelled = await scenario.Api.PostExpectAsync($"/api/deliveries/{delivery}/cancel", null, 200);
        Assert.Equal("cancelled", cancelled.Str("status"));
        await scenario.Api.PostExpectAsync($"/api/deliveries/{delivery}/cancel", null, 409);
        await scenario.Api.PostExpectAsync("/api/deliveries/ghost/retry", null, 404);
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));
    }
}
