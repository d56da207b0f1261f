using System.Globalization;
using Broker.Events;
using Broker.Hosting;
using Broker.Storage;
using Scriban.Runtime;

namespace Broker.Notifications;

/// <summary>
/// Turns each event into notifications for the people it concerns, stored in the notification outbox: it only enqueues
/// (the worker sends), so sending never holds up the outbox or publishing. Each row's id is the event's and the person's,
/// so an event handed over twice notifies once.
/// </summary>
internal sealed partial class NotificationConsumer(
    EventFactsReader reader,
    IUserStore users,
    INotificationPreferenceStore preferences,
    INotificationStore notifications,
    NotificationTemplates templates,
    NotificationClock clock,
    PublicUrls urls,
    NotificationSignal signal,
    ILogger<NotificationConsumer> logger) : IEventConsumer
{
    public string Name => "notifications";

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (NotificationKinds.Of(domainEvent.Type) is not { } kind)
        {
            return;
        }

        var subject = await reader.ReadAsync(domainEvent, cancellationToken);
        var everyone = await users.ListAsync(cancellationToken);
        var recipients = NotificationRouter.Route(domainEvent, subject.Facts(domainEvent.Type), everyone);
        if (recipients.Count == 0)
        {
            return;
        }

        var names = everyone.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var now = clock.Now;
        var added = false;
        foreach (var userId in recipients)
        {
            var chosen = await preferences.GetAsync(userId, cancellationToken);
            var channel = chosen?.ChannelFor(kind) ?? NotificationChannel.None;
            if (chosen?.AddressFor(channel) is not { } address)
            {
                Log.NoChannel(logger, domainEvent.Type, domainEvent.Id, userId);
                continue;
            }

            var model = Model(domainEvent, subject, names);
            model["recipient"] = names.GetValueOrDefault(userId, userId);
            var message = templates.Render(domainEvent.Type, model);
            var digest = kind == NotificationKind.Sharing && chosen.SharingDigest;
            added |= await notifications.TryAddAsync(
                new Notification
                {
                    Id = $"{domainEvent.Id}/{userId}",
                    UserId = userId,
                    EventId = domainEvent.Id,
                    EventType = domainEvent.Type,
                    Kind = kind,
                    Channel = channel,
                    Address = address,
                    Subject = message.Subject,
                    Text = message.Text,
                    Status = digest ? NotificationStatus.Waiting : NotificationStatus.Pending,
                    NextAttemptAt = digest ? clock.NextDigestAt(now) : now,
                    CreatedAt = now,
                },
                cancellationToken);
        }

        if (added)
        {
            signal.Wake();
        }
    }

    private ScriptObject Model(DomainEvent domainEvent, EventSubject subject, Dictionary<string, string> names)
    {
        var data = new ScriptObject();
        foreach (var (key, value) in domainEvent.Data)
        {
            data[key] = value;
        }

        var item = subject.Item;
        var reason = domainEvent.Data.GetValueOrDefault("reason")
            ?? (domainEvent.Type == EventTypes.ItemRejected ? item?.RejectReason : domainEvent.Type == EventTypes.ItemSentBack ? item?.ReviewComment : null);
        var deadline = DateTimeOffset.TryParse(domainEvent.Data.GetValueOrDefault("deadline"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? clock.Format(due)
            : string.Empty;
        return new ScriptObject
        {
            ["title"] = domainEvent.Data.GetValueOrDefault("title") ?? item?.Title ?? string.Empty,
            ["opd"] = subject.Opd ?? string.Empty,
            ["reason"] = reason ?? string.Empty,
            ["account"] = subject.AccountName ?? domainEvent.Data.GetValueOrDefault("accountId") ?? string.Empty,
            ["platform"] = subject.Platform ?? string.Empty,
            ["link"] = urls.For(NotificationLinks.For(domainEvent.Type, domainEvent.ObjectId, item?.Id)).ToString(),
            ["at"] = clock.Format(domainEvent.OccurredAt),
            ["deadline"] = deadline,
            ["actor"] = domainEvent.Actor is { } actor ? names.GetValueOrDefault(actor, actor) : string.Empty,
            ["decision"] = domainEvent.Data.GetValueOrDefault("decision") ?? domainEvent.Data.GetValueOrDefault("status") ?? string.Empty,
            ["url"] = domainEvent.Data.GetValueOrDefault("url") ?? string.Empty,
            ["data"] = data,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(8101, LogLevel.Debug, "Event {EventType} {EventId}: user {UserId} has no address for this kind of event; not notified")]
        public static partial void NoChannel(ILogger logger, string eventType, string eventId, string userId);
    }
}
