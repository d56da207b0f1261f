#if !ON_POSTGRESQL
using System.Text.Json.Nodes;
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Notifications;

/// <summary>What waits for a time on a moved clock: quiet hours, Telegram's flood control, the daily digest (LiteDB only: nothing storage-specific).</summary>
public sealed class NotificationTimingTests
{
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_message_in_quiet_hours_is_held_until_they_end_in_the_morning()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 22, 0, 0, Wita));
        await using var world = await NotificationWorld.StartAsync(clock);
        var (id, _, client) = await world.PersonAsync("Wartawan", "reporter", preferences: new { email = "wartawan@kota.example.go.id", quietFrom = "21:00", quietUntil = "06:00" });

        await world.HandAsync(NotificationFlowTests.Rejected(id));
        var morning = new DateTimeOffset(2026, 11, 24, 6, 0, 0, Wita);
        await Eventually.WaitAsync(() => NotificationWorld.NotificationsOfAsync(client), n => n.Count == 1 && At(n[0]!, "nextAttemptAt") == morning, "the message to be held until 06:00");
        Assert.Empty(world.Emails);

        clock.Advance(morning - clock.GetUtcNow());

        await Eventually.WaitAsync(() => Task.FromResult(world.Emails.Count), n => n == 1, "the held message in the morning");
        Assert.Equal("wartawan@kota.example.go.id", world.Emails[0].To);
    }

    [Fact]
    public async Task Telegram_flood_control_is_honoured_by_waiting_its_retry_after()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, Wita));
        await using var world = await NotificationWorld.StartAsync(clock);
        var (id, _, client) = await world.PersonAsync("Wartawan", "reporter", preferences: new { telegramChatId = "777001" });
        world.Scenario.Sandbox.Telegram.Throttle(times: 1, retryAfter: 30);

        await world.HandAsync(NotificationFlowTests.Rejected(id));
        var first = await Eventually.WaitAsync(() => NotificationWorld.NotificationsOfAsync(client), n => n.Count == 1 && n[0]!["attempts"]!.GetValue<int>() == 1 && n[0]!["lastError"] is not null, "the 429");

        Assert.Equal(clock.GetUtcNow().AddSeconds(30), At(first[0]!, "nextAttemptAt"));
        Assert.Contains("429", first[0]!.Str("lastError"), StringComparison.Ordinal);
        Assert.Empty(world.TelegramMessages);
        clock.Advance(TimeSpan.FromSeconds(30));

        await Eventually.WaitAsync(() => Task.FromResult(world.TelegramMessages.Count), n => n == 1, "the message after retry_after");
        Assert.Equal("777001", world.TelegramMessages[0].ChatId);
    }

    [Fact]
    public async Task New_items_to_share_reach_an_asn_as_one_daily_digest_at_the_digest_hour()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, Wita));
        await using var world = await NotificationWorld.StartAsync(clock);
        await world.Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var nip = Access.AccessWorld.NewNip();
        await world.Editor.PostExpectAsync("/api/asn", new { nip, name = "Dewi", opd = "dinkes" }, 201);
        var (_, _, client) = await world.PersonAsync("Dewi", "asn", "dinkes", new { email = "dewi@dinkes.example.go.id" }, nip);

        await world.HandAsync(Opened("evt-open-1", "Posyandu serentak"));
        await world.HandAsync(Opened("evt-open-2", "Vaksinasi anak"));
        var seven = new DateTimeOffset(2026, 11, 24, 7, 0, 0, Wita);
        await Eventually.WaitAsync(() => NotificationWorld.NotificationsOfAsync(client), n => n.Count == 2 && n.All(x => x!.Str("status") == "waiting" && At(x!, "nextAttemptAt") == seven), "two waiting parts");
        Assert.Empty(world.Emails);

        clock.Advance(seven - clock.GetUtcNow());

        await Eventually.WaitAsync(() => Task.FromResult(world.Emails.Count), n => n == 1, "the digest");
        var digest = world.Emails[0];
        Assert.Equal("dewi@dinkes.example.go.id", digest.To);
        Assert.Contains("2 konten baru", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Posyandu serentak", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Vaksinasi anak", digest.Body, StringComparison.Ordinal);
        Assert.Contains($"{NotificationWorld.PublicBase}/asn", digest.Body, StringComparison.Ordinal);
        var mine = await NotificationWorld.NotificationsOfAsync(client);
        Assert.Equal(2, mine.Count(x => x!.Str("status") == "digested"));
    }

    private static DomainEvent Opened(string id, string title) => new()
    {
        Id = id,
        Type = EventTypes.ItemOpenedForSharing,
        ObjectType = "item",
        ObjectId = "item-" + id,
        OccurredAt = DateTimeOffset.UnixEpoch,
        Opd = "diskominfo",
        Actor = "editor",
        Data = new() { ["title"] = title },
    };

    private static DateTimeOffset At(JsonNode node, string name) => node[name]!.GetValue<DateTimeOffset>();
}
#endif
