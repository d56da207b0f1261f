using Broker.Notifications;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class NotificationStoreContract : StoreContract
{
    private INotificationStore Notifications => Get<INotificationStore>();

    private INotificationPreferenceStore Preferences => Get<INotificationPreferenceStore>();

    public static Notification Notification(
        string id, string userId = "u-1", NotificationStatus status = NotificationStatus.Pending, DateTimeOffset? due = null, DateTimeOffset? createdAt = null) => new()
        {
            Id = id,
            Version = 2,
            UserId = userId,
            EventId = "evt-" + id,
            EventType = "item.approved",
            Kind = NotificationKind.Decision,
            Channel = NotificationChannel.Email,
            Address = "sari@dinkes.example.go.id",
            Subject = "[Disetujui] Posyandu",
            Text = "[Disetujui] Posyandu\nKonten Anda disetujui.",
            Status = status,
            Attempts = 1,
            NextAttemptAt = due ?? Populated.At.AddMinutes(1),
            LastError = "SMTP 451",
            DigestId = "digest/u-1/2026-03-14",
            CreatedAt = createdAt ?? Populated.At,
            SentAt = Populated.At.AddMinutes(2),
        };

    [Fact]
    public async Task A_notification_is_stored_once_per_id_and_read_back_with_every_property()
    {
        var notification = Notification("evt-1/u-1");
        PropertyAssert.FullyPopulated(notification);

        Assert.True(await Notifications.TryAddAsync(notification, CancellationToken.None));
        Assert.False(await Notifications.TryAddAsync(Notification("evt-1/u-1", userId: "u-2"), CancellationToken.None));

        PropertyAssert.Same(notification, await Notifications.GetAsync("evt-1/u-1", CancellationToken.None));
        Assert.Null(await Notifications.GetAsync("EVT-1/u-1", CancellationToken.None));
    }

    [Fact]
    public async Task Due_notifications_are_those_of_the_status_due_by_now_earliest_first()
    {
        var now = Populated.At;
        await Notifications.TryAddAsync(Notification("late", due: now.AddMinutes(-1)), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("early", due: now.AddMinutes(-5)), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("future", due: now.AddMinutes(1)), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("waiting", status: NotificationStatus.Waiting, due: now.AddHours(-1)), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("sent", status: NotificationStatus.Sent, due: now.AddHours(-1)), CancellationToken.None);

        Assert.Equal(["early", "late"], (await Notifications.DueAsync(NotificationStatus.Pending, now, 10, CancellationToken.None)).Select(n => n.Id));
        Assert.Equal(["early"], (await Notifications.DueAsync(NotificationStatus.Pending, now, 1, CancellationToken.None)).Select(n => n.Id));
        Assert.Equal(["waiting"], (await Notifications.DueAsync(NotificationStatus.Waiting, now, 10, CancellationToken.None)).Select(n => n.Id));
    }

    [Fact]
    public async Task A_persons_notifications_are_listed_newest_first_their_waiting_ones_oldest_first_and_failed_ones_of_everyone()
    {
        await Notifications.TryAddAsync(Notification("a", createdAt: Populated.At, status: NotificationStatus.Waiting), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("b", createdAt: Populated.At.AddMinutes(1), status: NotificationStatus.Failed), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("c", createdAt: Populated.At.AddMinutes(2), status: NotificationStatus.Waiting), CancellationToken.None);
        await Notifications.TryAddAsync(Notification("d", userId: "u-2", createdAt: Populated.At.AddMinutes(3), status: NotificationStatus.Failed), CancellationToken.None);

        Assert.Equal(["c", "b", "a"], (await Notifications.ForUserAsync("u-1", 10, CancellationToken.None)).Select(n => n.Id));
        Assert.Equal(["a", "c"], (await Notifications.WaitingAsync("u-1", CancellationToken.None)).Select(n => n.Id));
        Assert.Equal(["d", "b"], (await Notifications.FailedAsync(10, CancellationToken.None)).Select(n => n.Id));
    }

    [Fact]
    public async Task Of_two_updates_over_the_same_version_one_wins()
    {
        await Notifications.TryAddAsync(Notification("n-1"), CancellationToken.None);
        var first = (await Notifications.GetAsync("n-1", CancellationToken.None))!;
        var second = (await Notifications.GetAsync("n-1", CancellationToken.None))!;
        first.Attempts = 5;
        second.Attempts = 9;

        var results = await Task.WhenAll(Notifications.TryUpdateAsync(first, CancellationToken.None), Notifications.TryUpdateAsync(second, CancellationToken.None));

        Assert.Single(results, won => won);
        var stored = (await Notifications.GetAsync("n-1", CancellationToken.None))!;
        Assert.Equal(3, stored.Version);
        Assert.Equal(results[0] ? 5 : 9, stored.Attempts);
        Assert.Equal(results[0] ? 3 : 2, first.Version);
        Assert.False(await Notifications.TryUpdateAsync(Notification("missing"), CancellationToken.None));
    }

    [Fact]
    public async Task Preferences_are_saved_replaced_and_read_back_with_every_property()
    {
        var preferences = new NotificationPreferences
        {
            Id = "u-1",
            Email = "sari@dinkes.example.go.id",
            TelegramChatId = "-100123456",
            Channels = new() { ["Review"] = NotificationChannel.Telegram, ["Sharing"] = NotificationChannel.None },
            QuietFrom = "21:00",
            QuietUntil = "06:00",
            SharingDigest = true,
            UpdatedAt = Populated.At,
        };
        PropertyAssert.FullyPopulated(preferences);
        Assert.Null(await Preferences.GetAsync("u-1", CancellationToken.None));

        await Preferences.SaveAsync(preferences, CancellationToken.None);
        PropertyAssert.Same(preferences, await Preferences.GetAsync("u-1", CancellationToken.None));

        preferences.Email = null;
        preferences.Channels = new() { ["Decision"] = NotificationChannel.Email };
        await Preferences.SaveAsync(preferences, CancellationToken.None);
        PropertyAssert.Same(preferences, await Preferences.GetAsync("u-1", CancellationToken.None));
        Assert.Null(await Preferences.GetAsync("U-1", CancellationToken.None));
    }
}

public sealed class NotificationStoreOnLiteDb : NotificationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class NotificationStoreOnPostgreSql : NotificationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
