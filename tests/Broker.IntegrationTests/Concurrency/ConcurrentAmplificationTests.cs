using System.Net.Http.Json;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Concurrency;

/// <summary>An amplification request is decided once: of twenty decisions at once, one wins and one central item at most is made.</summary>
public sealed class ConcurrentAmplificationTests
{
    private const int Racers = 20;

    [Fact]
    public async Task Twenty_acceptances_at_once_give_one_winner_and_one_central_item()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, itemsBefore) = await RequestAsync(scenario);

        var statuses = await Race.RunAsync(Racers, _ => scenario.Api.PostAsync($"/api/amplification-requests/{id}/accept", null));

        Race.AssertOneWinner(statuses);
        var items = (await scenario.Api.GetJsonAsync("/api/items")).AsArray();
        Assert.Equal(itemsBefore + 1, items.Count);
        var request = await scenario.Api.GetJsonAsync($"/api/amplification-requests/{id}");
        Assert.Equal("accepted", request.Str("status"));
        Assert.Contains(items, i => i!.Str("id") == request.Str("resultItemId"));
        var accepted = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={id}")).AsArray().Count(e => e!.Str("action") == "amplification.accepted");
        Assert.Equal(1, accepted);
    }

    [Fact]
    public async Task Acceptances_racing_declines_leave_one_decision_and_an_item_only_when_accepted()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, itemsBefore) = await RequestAsync(scenario);

        var statuses = await Race.RunAsync(Racers, i => i % 2 == 0
            ? scenario.Api.PostAsync($"/api/amplification-requests/{id}/accept", null)
            : scenario.Api.PostAsJsonAsync($"/api/amplification-requests/{id}/decline", new { reason = $"Alasan {i}" }));

        Race.AssertOneWinner(statuses);
        var request = await scenario.Api.GetJsonAsync($"/api/amplification-requests/{id}");
        var itemsAfter = (await scenario.Api.GetJsonAsync("/api/items")).AsArray().Count;
        Assert.Equal(request.Str("status") == "accepted" ? itemsBefore + 1 : itemsBefore, itemsAfter);
        var decisions = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={id}")).AsArray()
            .Count(e => e!.Str("action") is "amplification.accepted" or "amplification.declined");
        Assert.Equal(1, decisions);
    }

    private static async Task<(string Id, int ItemsBefore)> RequestAsync(Scenario scenario)
    {
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var (_, token) = await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes");
        using var sari = scenario.ClientWith(token);
        var id = (await sari.PostExpectAsync(
            "/api/amplification-requests",
            new { opd = "dinkes", url = "https://dinkes.example.go.id/berita/1", note = "Mohon disebarkan.", accountIds = new[] { facebook, x } },
            201)).Str("id");
        return (id, (await scenario.Api.GetJsonAsync("/api/items")).AsArray().Count);
    }
}
