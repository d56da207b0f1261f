using System.Text.Json.Nodes;
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Notifications;

/// <summary>
/// Notifications end to end: a submission and a decision go through the outbox and its dispatcher to the notifier, by
/// email to a real SMTP server on loopback and by Telegram to the sandbox's bot, each to exactly the right people, once.
/// </summary>
public sealed class NotificationFlowTests
{
    [Fact]
    public async Task A_submission_reaches_the_editors_and_the_opds_other_admin_and_its_approval_the_submitter_each_once_by_their_channel()
    {
        await using var world = await NotificationWorld.StartAsync();
        await world.Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var account = await world.Scenario.CreateAccountAsync("dinkes", "facebook", "3000001");
        await NotificationWorld.SavePreferencesAsync(world.Editor, new { email = "editor@kota.example.go.id" });
        await world.PersonAsync("Editor Dua", "editor", preferences: new { telegramChatId = "5550002", channels = new { review = "telegram" } });
        var (_, _, submitter) = await world.PersonAsync("Admin Satu", "opdAdmin", "dinkes", new { email = "admin1@dinkes.example.go.id" });
        await world.PersonAsync("Admin Dua", "opdAdmin", "dinkes", new { telegramChatId = "5550001", channels = new { review = "telegram", decision = "telegram" } });
        await world.PersonAsync("Wartawan", "reporter", preferences: new { email = "reporter@kota.example.go.id" });

        var item = await submitter.PostExpectAsync("/api/items", new { opd = "dinkes", title = "Posyandu serentak", body = "Posyandu di semua kelurahan.", accountIds = new[] { account } }, 201);
        var itemId = item.Str("id");
        await Eventually.WaitAsync(() => Task.FromResult(world.Emails.Count + world.TelegramMessages.Count), n => n >= 3, "the review notifications");
        await world.Editor.PostExpectAsync($"/api/items/{itemId}/approve", new { }, 200);
        await Eventually.WaitAsync(() => Task.FromResult(world.Emails.Count), n => n >= 2, "the approval's email");

        var review = Assert.Single(world.Emails, e => e.To == "editor@kota.example.go.id");
        Assert.StartsWith("[Tinjau] Posyandu serentak", review.Subject, StringComparison.Ordinal);
        Assert.Contains($"{NotificationWorld.PublicBase}/tinjau/{itemId}", review.Body, StringComparison.Ordinal);
        var approval = Assert.Single(world.Emails, e => e.To == "admin1@dinkes.example.go.id");
        Assert.Contains("[Disetujui]", approval.Subject, StringComparison.Ordinal);
        Assert.Contains($"{NotificationWorld.PublicBase}/konten/{itemId}", approval.Body, StringComparison.Ordinal);
        Assert.Equal(2, world.Emails.Count);
        Assert.Equal(["5550001", "5550002"], world.TelegramMessages.Select(m => m.ChatId).Order(StringComparer.Ordinal));
        Assert.All(world.TelegramMessages, m => Assert.Contains("Posyandu serentak", m.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_handed_over_twice_at_once_notifies_once()
    {
        await using var world = await NotificationWorld.StartAsync();
        var (id, _, client) = await world.PersonAsync("Wartawan", "reporter", preferences: new { email = "wartawan@kota.example.go.id" });
        var rejected = Rejected(id);

        await Task.WhenAll(world.HandAsync(rejected), world.HandAsync(rejected));
        await Eventually.WaitAsync(() => NotificationWorld.NotificationsOfAsync(client), n => n.Count == 1 && n[0]!.Str("status") == "sent", "the notification to be sent");
        await world.HandAsync(rejected);

        Assert.Single(await NotificationWorld.NotificationsOfAsync(client));
        var email = Assert.Single(world.Emails);
        Assert.Contains("Alasan: Foto buram.", email.Body, StringComparison.Ordinal);
    }

#if !ON_POSTGRESQL
    [Fact]
    public async Task An_unreachable_smtp_server_is_retried_with_backoff_then_shown_as_failed_to_the_person_and_the_editors()
    {
        await using var world = await NotificationWorld.StartAsync(smtpDown: true);
        var (id, token, client) = await world.PersonAsync("Wartawan", "reporter", preferences: new { email = "wartawan@kota.example.go.id" });

        await world.HandAsync(Rejected(id));

        var mine = await Eventually.WaitAsync(() => NotificationWorld.NotificationsOfAsync(client), n => n.Count == 1 && n[0]!.Str("status") == "failed", "the notification to fail");
        Assert.Equal(3, mine[0]!["attempts"]!.GetValue<int>());
        Assert.Contains("could not be reached", mine[0]!.Str("lastError"), StringComparison.Ordinal);
        var failed = (JsonArray)await world.Editor.GetJsonAsync("/api/notifications/failed");
        Assert.Equal(id, Assert.Single(failed)!.Str("userId"));
        using var page = await Pages.PageSession.SignInAsync(world.Scenario, token);
        var html = await (await page.GetAsync("/notifikasi")).Content.ReadAsStringAsync();
        Assert.Contains("gagal", html, StringComparison.Ordinal);
        Assert.Contains("could not be reached", html, StringComparison.Ordinal);
    }
#endif

    internal static DomainEvent Rejected(string submitter, string id = "evt-rejected-1") => new()
    {
        Id = id,
        Type = EventTypes.ItemRejected,
        ObjectType = "item",
        ObjectId = "item-404",
        OccurredAt = DateTimeOffset.UnixEpoch,
        Opd = "diskominfo",
        Actor = "someone-else",
        Data = new() { ["title"] = "Lomba foto", ["submittedBy"] = submitter, ["reason"] = "Foto buram." },
    };
}
