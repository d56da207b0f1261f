using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Notifications;

/// <summary>
/// Sends the notification outbox: makes the daily digests that are due, holds messages while their person's quiet hours
/// last, sends the rest, and retries failures with a doubling wait until <see cref="NotificationsOptions.MaxAttempts"/>,
/// after which a notification shows as failed. Each send is claimed over its version first, so of two nodes one sends.
/// </summary>
internal sealed partial class NotificationWorker(
    INotificationStore notifications,
    INotificationPreferenceStore preferences,
    IEnumerable<INotificationSender> senders,
    NotificationDigests digests,
    NotificationClock clock,
    NotificationSignal signal,
    TimeProvider time,
    IOptions<NotificationsOptions> options,
    ILogger<NotificationWorker> logger) : WokenSweep(time, logger)
{
    private const int Batch = 50;

    private readonly Dictionary<NotificationChannel, INotificationSender> byChannel = senders.ToDictionary(s => s.Channel);

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Purpose => "A round of sending notifications";

    protected override bool RunsAtStart => true;

    protected override Task WaitForWakeAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    protected override async Task<bool> RunBatchAsync(CancellationToken cancellationToken)
    {
        await digests.MakeDueAsync(cancellationToken);
        return await SendDueAsync(cancellationToken) == Batch;
    }

    /// <summary>One pass over the due notifications; the number looked at.</summary>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = await notifications.DueAsync(NotificationStatus.Pending, clock.Now, Batch, cancellationToken);
        foreach (var notification in due)
        {
            await SendAsync(notification, cancellationToken);
        }

        return due.Count;
    }

    private async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var chosen = await preferences.GetAsync(notification.UserId, cancellationToken);
        if (chosen is not null && QuietHours.EndOf(chosen, now, clock.Zone) is { } end)
        {
            notification.NextAttemptAt = end;
            await notifications.TryUpdateAsync(notification, cancellationToken);
            return;
        }

        // The claim: a lease past the send's time budget, taken over the version read. A crash mid-send leaves the lease
        // to run out, then the notification is sent again (at least once).
        var settings = options.Value;
        notification.Attempts++;
        notification.NextAttemptAt = now + (settings.SendTimeout * 2);
        if (!await notifications.TryUpdateAsync(notification, cancellationToken))
        {
            return;
        }

        var outcome = await SendWithinBudgetAsync(notification, cancellationToken);
        now = clock.Now;
        switch (outcome)
        {
            case SendOutcome.Sent:
                notification.Status = NotificationStatus.Sent;
                notification.SentAt = now;
                notification.LastError = null;
                break;
            case SendOutcome.RetryLater retry when notification.Attempts < settings.MaxAttempts:
                notification.LastError = retry.Reason;
                notification.NextAttemptAt = now + (retry.After ?? settings.FirstRetryDelay * Math.Pow(2, notification.Attempts - 1));
                Log.WillRetry(Logger, notification.Id, notification.Attempts, notification.NextAttemptAt, retry.Reason);
                break;
            case SendOutcome.RetryLater retry:
                Fail(notification, retry.Reason);
                break;
            case SendOutcome.Refused refused:
                Fail(notification, refused.Reason);
                break;
        }

        await notifications.TryUpdateAsync(notification, cancellationToken);
    }

    private async Task<SendOutcome> SendWithinBudgetAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (!byChannel.TryGetValue(notification.Channel, out var sender))
        {
            return new SendOutcome.Refused($"No sender for channel {notification.Channel}.");
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.SendTimeout);
        try
        {
            return await sender.SendAsync(notification.Address, new NotificationMessage(notification.Subject, notification.Text) { Key = notification.Id }, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome.RetryLater($"The send took longer than {options.Value.SendTimeout.TotalSeconds} s.");
        }
    }

    private void Fail(Notification notification, string reason)
    {
        notification.Status = NotificationStatus.Failed;
        notification.LastError = reason;
        Log.Failed(Logger, notification.Id, notification.UserId, notification.Channel, notification.Attempts, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(8112, LogLevel.Information, "Notification {NotificationId}: attempt {Attempts} failed, next at {NextAttemptAt:u}: {Reason}")]
        public static partial void WillRetry(ILogger logger, string notificationId, int attempts, DateTimeOffset nextAttemptAt, string reason);

        [LoggerMessage(8113, LogLevel.Warning, "Notification {NotificationId} to user {UserId} by {Channel} failed after {Attempts} attempt(s): {Reason}")]
        public static partial void Failed(ILogger logger, string notificationId, string userId, NotificationChannel channel, int attempts, string reason);
    }
}
