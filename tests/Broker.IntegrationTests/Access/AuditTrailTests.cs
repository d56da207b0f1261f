using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Access;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task Every_change_is_recorded_with_who_and_when_and_editors_can_filter_by_object_user_and_time()
    {
        // Whole seconds: the store keeps milliseconds.
        var now = TimeProvider.System.GetUtcNow();
        var clock = new FakeTimeProvider(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        await using var scenario = await Scenario.StartAsync(clock);
        var editor = (await scenario.Api.GetJsonAsync("/api/users/me")).Str("id");
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var (reporter, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var rina = scenario.ClientWith(token);
        var start = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(10));
        var item = (await rina.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "Judul", body = "Isi.", accountIds = new[] { facebook } }, 201)).Str("id");
        clock.Advance(TimeSpan.FromMinutes(10));
        await scenario.Api.PostExpectAsync($"/api/items/{item}/send-back", new { comment = "Perbaiki judul." }, 200);
        var sentBackAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(10));
        var (edited, _) = await rina.SendAsync(HttpMethod.Put, $"/api/items/{item}", new { opd = "diskominfo", title = "Judul baru", body = "Isi.", accountIds = new[] { facebook } });
        Assert.True(edited.IsSuccessStatusCode);

        var forItem = await Entries(scenario, $"objectId={item}");
        Assert.Equal(["item.submitted", "item.sentBack", "item.edited"], forItem.Select(e => e.Str("action")));
        Assert.Equal([reporter, editor, reporter], forItem.Select(e => e.Str("actor")));
        Assert.Equal([start.AddMinutes(10), start.AddMinutes(20), start.AddMinutes(30)], forItem.Select(e => e["at"]!.GetValue<DateTimeOffset>()));

        var byRina = await Entries(scenario, $"actor={reporter}");
        Assert.Equal(["item.submitted", "item.edited"], byRina.Select(e => e.Str("action")));

        var window = await Entries(scenario, $"from={Uri.EscapeDataString(sentBackAt.ToString("O"))}");
        Assert.Equal(["item.sentBack", "item.edited"], window.Select(e => e.Str("action")));

        var setUp = await Entries(scenario, $"to={Uri.EscapeDataString(start.AddSeconds(1).ToString("O"))}");
        Assert.Contains(setUp, e => e.Str("action") == "user.created" && e.Str("objectId") == reporter && e.Str("actor") == editor);
        Assert.Contains(setUp, e => e.Str("action") == "account.created" && e.Str("objectId") == facebook);
    }

    private static async Task<List<JsonNode>> Entries(Scenario scenario, string query) =>
        [.. (await scenario.Api.GetJsonAsync($"/api/audit?{query}")).AsArray().Select(e => e!)];
}
