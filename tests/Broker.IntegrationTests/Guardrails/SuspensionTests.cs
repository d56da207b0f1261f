using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Broker.Audit;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Broker.IntegrationTests.Guardrails;

/// <summary>Suspending publishing for the city, an OPD or an account, over real HTTP on either provider.</summary>
public sealed class SuspensionTests
{
    [Fact]
    public async Task Suspending_one_opd_holds_back_only_its_accounts_and_resuming_lets_them_go()
    {
        await using var scenario = await Scenario.StartAsync();
        var central = await SetUpAsync(scenario);
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var health = await scenario.CreateAccountAsync("dinkes", "facebook", "3000003");
        await scenario.Api.PostExpectAsync("/api/suspensions", new { scope = "opd", target = "dinkes", reason = "Bencana banjir: semua unggahan Dinkes ditahan." }, 201);

        var held = await ApproveAsync(scenario, health, "Jadwal posyandu");
        var free = await ApproveAsync(scenario, central, "Festival Mahakam");

        await scenario.WaitForItemStatusAsync(free.Item, "published");
        var waiting = await WaitUntilWaitingAsync(scenario, held.Delivery);
        Assert.Contains("opd:dinkes", waiting.Str("waitingFor"), StringComparison.Ordinal);
        Assert.Equal("scheduled", waiting.Str("status"));
        var active = (JsonArray)(await scenario.Api.GetJsonAsync("/api/suspensions"))!;
        Assert.Equal("opd:dinkes", Assert.Single(active)!.Str("id"));

        await scenario.Api.PostExpectAsync("/api/suspensions/opd:dinkes/resume", null, 200);

        await scenario.WaitForItemStatusAsync(held.Item, "published");
        Assert.Empty((JsonArray)(await scenario.Api.GetJsonAsync("/api/suspensions"))!);
        var actions = (await scenario.Broker.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Limit: 1000), CancellationToken.None))
            .Where(e => e.ObjectType == "suspension").Select(e => e.Action).ToList();
        Assert.Equal(["publishing.resumed", "publishing.suspended"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Suspending_one_account_holds_back_that_account_and_not_its_opds_other_accounts()
    {
        await using var scenario = await Scenario.StartAsync();
        var fb = await SetUpAsync(scenario);
        var x = await scenario.CreateAccountAsync("diskominfo", "x", "2244994945");
        await scenario.Api.PostExpectAsync("/api/suspensions", new { scope = "account", target = x, reason = "Akun X diretas." }, 201);

        var onX = await ApproveAsync(scenario, x, "Rapat paripurna");
        var onFb = await ApproveAsync(scenario, fb, "Rapat paripurna");

        await scenario.WaitForItemStatusAsync(onFb.Item, "published");
        await WaitUntilWaitingAsync(scenario, onX.Delivery);
        Assert.Empty(scenario.Sandbox.State.Posts("x"));
    }

    [Fact]
    public async Task Two_editors_suspending_the_city_at_once_leave_one_suspension_and_of_two_resumes_one_wins()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, other) = await scenario.CreateUserAsync("Rina", "editor");
        using var second = scenario.ClientWith(other);
        var clients = new[] { scenario.Api, second };

        var suspended = await Race.RunAsync(2, i => clients[i].PostAsJsonAsync("/api/suspensions", new { scope = "city", reason = $"Masa tenang, editor {i}" }));
        Race.AssertOneWinner(suspended);
        Assert.Single((JsonArray)(await scenario.Api.GetJsonAsync("/api/suspensions"))!);

        var resumed = await Race.RunAsync(2, i => clients[i].PostAsync("/api/suspensions/city/resume", null));
        Race.AssertOneWinner(resumed);
        Assert.Empty((JsonArray)(await scenario.Api.GetJsonAsync("/api/suspensions"))!);
        var entries = await scenario.Broker.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Limit: 1000), CancellationToken.None);
        Assert.Equal(2, entries.Count(e => e.ObjectType == "suspension"));
    }

    [Fact]
    public async Task A_suspension_names_its_problems_and_refuses_a_target_that_does_not_exist()
    {
        await using var scenario = await Scenario.StartAsync();
        using var response = await scenario.Api.PostAsJsonAsync("/api/suspensions", new { scope = "opd", target = "../../admin", reason = "" });
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("There is no OPD '../../admin'", problem, StringComparison.Ordinal);
        Assert.Contains("reason is required", problem, StringComparison.Ordinal);
        using var missing = await scenario.Api.PostAsync("/api/suspensions/city/resume", null);
        Assert.Equal(409, (int)missing.StatusCode);
    }

    private static async Task<string> SetUpAsync(Scenario scenario)
    {
        await scenario.CreateOpdAsync();
        return await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
    }

    internal static async Task<(string Item, string Delivery)> ApproveAsync(Scenario scenario, string account, string title, DateTimeOffset? publishAt = null)
    {
        var item = await scenario.SubmitItemAsync("diskominfo", [account], title: title, body: title + ".", publishAt: publishAt);
        var approved = await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        return (item, approved["deliveries"]![0]!.Str("id"));
    }

    /// <summary>Waits until the dispatcher has met the suspension (the delivery lost its wake-up) and returns its view.</summary>
    internal static async Task<JsonNode> WaitUntilWaitingAsync(Scenario scenario, string delivery)
    {
        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.WaitAsync<ITrigger?>(() => scheduler.GetTrigger(new TriggerKey(delivery, "deliveries")).AsTask(), t => t is null, $"delivery {delivery} to lose its wake-up");
        var view = await scenario.Api.GetJsonAsync($"/api/deliveries/{delivery}");
        Assert.NotNull(view["waitingFor"]);
        return view;
    }
}
