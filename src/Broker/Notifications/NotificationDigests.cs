using System.Globalization;
using Broker.Hosting;
using Broker.Storage;
using Scriban.Runtime;

namespace Broker.Notifications;

/// <summary>
/// The daily digest: at the digest hour, each person's waiting notifications (new items to share) become one message.
/// Its id is the person's and the day's, so a digest interrupted by a crash is made once; its parts are then marked as
/// carried by it.
/// </summary>
internal sealed class NotificationDigests(
    INotificationStore notifications,
    INotificationPreferenceStore preferences,
    IUserStore users,
    NotificationTemplates templates,
    NotificationClock clock,
    PublicUrls urls)
{
    public async Task MakeDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var due = await notifications.DueAsync(NotificationStatus.Waiting, now, 1_000, cancellationToken);
        foreach (var userId in due.Select(n => n.UserId).Distinct(StringComparer.Ordinal))
        {
            var waiting = (await notifications.WaitingAsync(userId, cancellationToken)).Where(n => n.NextAttemptAt <= now).ToList();
            if (waiting.Count > 0)
            {
                await MakeAsync(userId, waiting, now, cancellationToken);
            }
        }
    }

    private async Task MakeAsync(string userId, List<Notification> waiting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = clock.Day(waiting.Max(n => n.NextAttemptAt));
        var id = $"digest/{userId}/{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var chosen = await preferences.GetAsync(userId, cancellationToken);
        var channel = chosen?.ChannelFor(NotificationKind.Sharing) ?? NotificationChannel.None;
        var address = chosen?.AddressFor(channel);
        var user = await users.GetAsync(userId, cancellationToken);
        var items = new ScriptArray();
        foreach (var part in waiting)
        {
            items.Add(new ScriptObject { ["title"] = part.Subject, ["text"] = part.Text });
        }

        var model = new ScriptObject
        {
            ["items"] = items,
            ["count"] = waiting.Count,
            ["link"] = urls.For(NotificationLinks.Digest).ToString(),
            ["recipient"] = user?.Name ?? userId,
            ["at"] = clock.Format(now),
        };
        var message = templates.Render(NotificationTemplates.DigestName, model);
        await notifications.TryAddAsync(
            new Notification
            {
                Id = id,
                UserId = userId,
                EventId = id,
                EventType = NotificationTemplates.DigestName,
                Kind = NotificationKind.Sharing,
                Channel = address is null ? NotificationChannel.None : channel,
                Address = address ?? string.Empty,
                Subject = message.Subject,
                Text = message.Text,
                Status = address is null ? NotificationStatus.Failed : NotificationStatus.Pending,
                LastError = address is null ? "The person has no address for new items to share any more." : null,
                NextAttemptAt = now,
                CreatedAt = now,
            },
            cancellationToken);
        foreach (var part in waiting)
        {
            part.Status = NotificationStatus.Digested;
            part.DigestId = id;
            await notifications.TryUpdateAsync(part, cancellationToken);
        }
    }
}
