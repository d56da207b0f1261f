using System.Net.Http.Json;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Concurrency;

/// <summary>Every change of an item's state is a compare-and-set: of twenty requests at once, one wins.</summary>
public sealed class ConcurrentReviewTests
{
    private const int Racers = 20;

    [Fact]
    public async Task Twenty_approvals_at_once_give_one_winner_one_set_of_deliveries_and_one_post_per_account()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, instagram, x) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook, instagram, x], [photo]);

        var statuses = await Race.RunAsync(Racers, _ => scenario.Api.PostAsync($"/api/items/{id}/approve", null));

        Race.AssertOneWinner(statuses);
        var item = await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Equal(3, item["deliveries"]!.AsArray().Count);
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Single(scenario.Sandbox.State.Posts("instagram"));
        Assert.Single(scenario.Sandbox.State.Posts("x"));
        var approvals = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={id}")).AsArray().Count(e => e!.Str("action") == "item.approved");
        Assert.Equal(1, approvals);
    }

    [Fact]
    public async Task Twenty_send_backs_at_once_give_one_winner_and_the_losers_hear_the_current_status()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        var statuses = await Race.RunAsync(Racers, i => scenario.Api.PostAsJsonAsync($"/api/items/{id}/send-back", new { comment = $"Komentar {i}" }));

        Race.AssertOneWinner(statuses);
        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = "lagi" }, 409);
        Assert.Equal("sentBack", refused.Str("currentStatus"));
    }

    [Fact]
    public async Task Twenty_rejections_at_once_give_one_winner()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        var statuses = await Race.RunAsync(Racers, i => scenario.Api.PostAsJsonAsync($"/api/items/{id}/reject", new { reason = $"Alasan {i}" }));

        Race.AssertOneWinner(statuses);
        var rejections = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={id}")).AsArray().Count(e => e!.Str("action") == "item.rejected");
        Assert.Equal(1, rejections);
    }

    [Fact]
    public async Task Twenty_edits_of_the_same_version_at_once_give_one_winner()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        var version = (await scenario.ItemAsync(id))["version"]?.GetValue<long>() ?? 0;

        var statuses = await Race.RunAsync(Racers, i => scenario.Api.PutAsJsonAsync(
            $"/api/items/{id}",
            new { opd = "diskominfo", title = $"Judul versi {i}", body = $"Isi versi {i}.", accountIds = new[] { fb }, version }));

        Race.AssertOneWinner(statuses);
    }
}
