using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Concurrency;

/// <summary>Every change of a delivery's state is a compare-and-set: one operator wins, and a cancel never loses to a dispatch silently.</summary>
public sealed class ConcurrentDeliveryTests(ITestOutputHelper output)
{
    private const int Racers = 20;

    [Fact]
    public async Task Twenty_cancels_at_once_give_one_winner()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: TimeProvider.System.GetUtcNow().AddHours(1));
        var item = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var delivery = item["deliveries"]![0]!.Str("id");

        var statuses = await Race.RunAsync(Racers, _ => scenario.Api.PostAsync($"/api/deliveries/{delivery}/cancel", null));

        Race.AssertOneWinner(statuses);
        var cancels = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={delivery}")).AsArray().Count(e => e!.Str("action") == "delivery.cancelled");
        Assert.Equal(1, cancels);
    }

    [Fact]
    public async Task Twenty_retries_at_once_give_one_winner_and_one_post()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Permanent, Message: "Invalid parameter: link"));
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var failed = await scenario.WaitForItemStatusAsync(id, "failed");
        var delivery = failed["deliveries"]![0]!.Str("id");
        scenario.Sandbox.State.LatencyMilliseconds = 300; // the winner's attempt is still out while the others arrive

        var statuses = await Race.RunAsync(Racers, _ => scenario.Api.PostAsync($"/api/deliveries/{delivery}/retry", null));

        Race.AssertOneWinner(statuses);
        await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task A_cancel_racing_the_dispatch_either_wins_and_nothing_is_posted_or_loses_with_409_and_the_post_stands()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.LatencyMilliseconds = 20;
        const int Rounds = 40;

        // Each delivery is due at once: its cancel, sent as soon as the approval answers, meets the dispatch somewhere
        // between the wake-up and the platform's answer.
        var races = new List<Task<(string Title, string Delivery, int Cancel)>>();
        for (var round = 0; round < Rounds; round++)
        {
            var title = $"Ronde {round}";
            var id = await scenario.SubmitItemAsync("diskominfo", [fb], title: title);
            var item = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
            var delivery = item["deliveries"]![0]!.Str("id");
            races.Add(CancelAsync(scenario, title, delivery));
        }

        var outcomes = await Task.WhenAll(races);
        output.WriteLine($"cancels won {outcomes.Count(o => o.Cancel == 200)}, lost {outcomes.Count(o => o.Cancel == 409)}");
        foreach (var (title, delivery, cancel) in outcomes)
        {
            var final = await Eventually.WaitAsync(
                () => scenario.Api.GetJsonAsync($"/api/deliveries/{delivery}"),
                d => d.Str("status") is "cancelled" or "published",
                $"delivery {delivery} to settle");
            var posts = scenario.Sandbox.State.Posts("facebook").Count(p => p.Text!.StartsWith(title + "\n", StringComparison.Ordinal));
            if (cancel == 200)
            {
                Assert.True(final.Str("status") == "cancelled" && posts == 0, $"{title}: cancel won, but the delivery is {final.Str("status")} with {posts} posts");
            }
            else
            {
                Assert.True(cancel == 409, $"{title}: cancel answered {cancel}");
                Assert.True(final.Str("status") == "published" && posts == 1, $"{title}: cancel lost, but the delivery is {final.Str("status")} with {posts} posts");
            }
        }

    }

    private static async Task<(string Title, string Delivery, int Cancel)> CancelAsync(Scenario scenario, string title, string delivery)
    {
        using var response = await scenario.Api.PostAsync($"/api/deliveries/{delivery}/cancel", null);
        return (title, delivery, (int)response.StatusCode);
    }
}
