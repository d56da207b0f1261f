using Broker.Events;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Webhooks;

/// <summary>
/// Sends the due webhook messages, signed per Standard Webhooks, each subscription's in order and the subscriptions side
/// by side. On PostgreSQL only the node that dispatches the outbox sends (<see cref="IEventOutbox.TryLeadAsync"/>).
/// </summary>
internal sealed partial class WebhookSender(
    IWebhookStore store,
    IEventOutbox outbox,
    WebhookDelivery delivery,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PassFailed(logger, ex);
            }

            try
            {
                if (!full)
                {
                    await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due now; true when there may be more due at once.</summary>
    public async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        if (!await outbox.TryLeadAsync(cancellationToken))
        {
            return false;
        }

        var due = await store.ListDueAsync(time.GetUtcNow(), Batch, cancellationToken);
        await Task.WhenAll(due.GroupBy(m => m.SubscriptionId).Select(async messages =>
        {
            foreach (var message in messages)
            {
                await delivery.SendAsync(message, cancellationToken);
            }
        }));
        return due.Count == Batch;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A webhook sending pass failed; the next one tries again")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
