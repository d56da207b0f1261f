using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;

namespace Broker.IntegrationTests.Concurrency;

/// <summary>The review page has no script: a double click sends its form twice, and the item is approved once.</summary>
public sealed class DoubleSubmitTests
{
    [Fact]
    public async Task The_review_form_sent_twice_at_once_approves_once_and_the_second_hears_why_in_indonesian()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: TimeProvider.System.GetUtcNow().AddHours(1));
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var token = await editor.FormTokenAsync($"/tinjau/{id}");
        var bodies = new string[2];

        var statuses = await Race.RunAsync(2, async i =>
        {
            var response = await editor.PostAsync($"/tinjau/{id}?handler=Approve", new() { ["publishAt"] = "", ["__RequestVerificationToken"] = token });
            bodies[i] = await response.Content.ReadAsStringAsync();
            return response;
        });

        Assert.Equal([302, 409], statuses.Order());
        Assert.Contains("keputusan Anda tidak disimpan", bodies[Array.IndexOf(statuses, 409)], StringComparison.Ordinal);
        var item = await scenario.ItemAsync(id);
        Assert.Equal("approved", item.Str("status"));
        Assert.Single(item["deliveries"]!.AsArray());
    }
}
