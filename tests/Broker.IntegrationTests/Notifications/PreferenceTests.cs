using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Notifications;

public sealed class PreferenceTests
{
    [Fact]
    public async Task A_malformed_email_or_a_chat_id_that_is_not_a_number_is_refused_when_saved_and_nothing_changes()
    {
        await using var world = await NotificationWorld.StartAsync();
        var (_, token, client) = await world.PersonAsync("Wartawan", "reporter", preferences: new { email = "wartawan@kota.example.go.id" });

        var (response, body) = await client.SendAsync(HttpMethod.Put, "/api/notifications/preferences", new { email = "wartawan@", telegramChatId = "12ab", quietFrom = "25:00" });

        Assert.Equal(400, (int)response.StatusCode);
        var errors = body!["errors"]!.AsObject();
        Assert.Contains("not an email address", errors["email"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not a Telegram chat id", errors["telegramChatId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("quietFrom"));
        using var page = await Pages.PageSession.SignInAsync(world.Scenario, token);
        var posted = await page.PostFormAsync("/notifikasi", "/notifikasi", new() { ["email"] = "bukan alamat", ["telegramChatId"] = "" });
        Assert.Equal(400, (int)posted.StatusCode);
        Assert.Contains("Pengaturan tidak disimpan", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("wartawan@kota.example.go.id", (await client.GetJsonAsync("/api/notifications/preferences")).Str("email"));
    }

    [Fact]
    public async Task Of_two_saves_at_once_one_is_stored_whole()
    {
        await using var world = await NotificationWorld.StartAsync();
        var (_, _, client) = await world.PersonAsync("Wartawan", "reporter");

        await Task.WhenAll(
            NotificationWorld.SavePreferencesAsync(client, new { email = "satu@kota.example.go.id", quietFrom = "21:00", quietUntil = "06:00" }),
            NotificationWorld.SavePreferencesAsync(client, new { telegramChatId = "42", channels = new { review = "telegram" } }));

        var stored = await client.GetJsonAsync("/api/notifications/preferences");
        var first = stored["email"] is JsonValue;
        Assert.Equal(first ? "21:00" : null, stored["quietFrom"]?.GetValue<string>());
        Assert.Equal(first ? null : "42", stored["telegramChatId"]?.GetValue<string>());
    }
}
