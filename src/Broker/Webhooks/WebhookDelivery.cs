using System.Diagnostics;
using System.Globalization;
using System.Text;
using Broker.Events;
using Broker.Storage;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Broker.Webhooks;

/// <summary>
/// One attempt at one message: signs and posts it, records the attempt, and decides what comes next (delivered; a
/// retry after a doubling delay; failed once <see cref="WebhookOptions.RetryFor"/> has passed). Failures in a row are
/// counted on the subscription, which is disabled at <see cref="WebhookOptions.DisableAfterFailures"/> with a
/// <c>webhook.disabled</c> event.
/// </summary>
internal sealed partial class WebhookDelivery(
    IWebhookStore store,
    IEventOutbox outbox,
    IHttpClientFactory clients,
    WebhookSecrets secrets,
    WebhookTargets targets,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDelivery> logger)
{
    public const string ClientName = "webhooks";

    /// <summary>Times a subscription's counter is read again after another change of it won.</summary>
    private const int Attempts = 5;

    public async Task SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(message.SubscriptionId, cancellationToken);
        var attempt = subscription is { Enabled: true }
            ? await PostAsync(subscription, message, cancellationToken)
            : new WebhookAttempt { At = time.GetUtcNow(), Error = "The subscription is disabled or removed: not sent (replay it once enabled)." };
        var delivered = attempt.StatusCode is >= 200 and < 300;
        message.Attempts.Add(attempt);
        message.Status = delivered ? WebhookMessageStatus.Delivered : WebhookMessageStatus.Failed;
        message.RetryingSince ??= attempt.At;
        if (!delivered && subscription is { Enabled: true } && attempt.At - message.RetryingSince < options.Value.RetryFor)
        {
            message.Status = WebhookMessageStatus.Pending;
            message.NextAttemptAt = attempt.At + RetryDelay(message.Attempts.Count);
        }

        if (!await store.SaveMessageAsync(message, cancellationToken))
        {
            return; // replayed or removed meanwhile: that change decides what happens next
        }

        Log.Attempted(logger, message.Id, attempt.StatusCode, attempt.Error, message.Status);
        if (subscription is { Enabled: true })
        {
            await CountAsync(subscription.Id, delivered, attempt, cancellationToken);
        }
    }

    private async Task<WebhookAttempt> PostAsync(WebhookSubscription subscription, WebhookMessage message, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var attempt = new WebhookAttempt { At = at };
        try
        {
            if (targets.WhyRefused(subscription.Url) is { } refused)
            {
                throw new WebhookTargetRefusedException(refused);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
            };
            var signer = new StandardWebhook(secrets.Unprotect(subscription.ProtectedSecret));
            request.Headers.Add("webhook-id", message.EventId);
            request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signer.Sign(message.EventId, at, message.Body));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            attempt.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                attempt.Error = await ReadBoundedAsync(response, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or WebhookTargetRefusedException && !cancellationToken.IsCancellationRequested)
        {
            attempt.Error = Describe(ex);
        }

        attempt.DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return attempt;
    }

    // The answer's first bytes, for the attempt log: never more than configured, whatever the target sends.
    private async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxResponseBytes;
        var head = $"HTTP {(int)response.StatusCode}";
        if (limit == 0)
        {
            return head;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit && await body.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        return read == 0 ? head : head + ": " + Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException => "No answer within Webhooks:Timeout.",
        WebhookTargetRefusedException refused => "Target refused: " + refused.Message,
        HttpRequestException { InnerException: WebhookTargetRefusedException refused } => "Target refused: " + refused.Message,
        _ => exception.Message,
    };

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        return delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay;
    }

    private async Task CountAsync(string subscriptionId, bool delivered, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        for (var round = 0; round < Attempts; round++)
        {
            if (await store.GetAsync(subscriptionId, cancellationToken) is not { Enabled: true } subscription
                || (delivered && subscription.ConsecutiveFailures == 0))
            {
                return;
            }

            subscription.ConsecutiveFailures = delivered ? 0 : subscription.ConsecutiveFailures + 1;
            var disabling = subscription.ConsecutiveFailures >= options.Value.DisableAfterFailures;
            if (disabling)
            {
                subscription.Enabled = false;
                subscription.DisabledReason = $"{subscription.ConsecutiveFailures} failed attempts in a row; the last: {attempt.Error ?? "HTTP " + attempt.StatusCode}";
                subscription.UpdatedAt = time.GetUtcNow();
            }

            if (await store.UpdateAsync(subscription, cancellationToken))
            {
                if (disabling)
                {
                    Log.Disabled(logger, subscription.Id, subscription.ConsecutiveFailures);
                    await outbox.AppendAsync(Disabled(subscription), cancellationToken);
                }

                return;
            }
        }
    }

    private DomainEvent Disabled(WebhookSubscription subscription) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = EventTypes.WebhookDisabled,
        ObjectType = "webhook",
        ObjectId = subscription.Id,
        OccurredAt = time.GetUtcNow(),
        Data = new()
        {
            ["url"] = subscription.Url,
            ["reason"] = subscription.DisabledReason ?? "",
            ["failures"] = subscription.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Webhook message {MessageId}: status {StatusCode}, error {Error}; now {Status}")]
        public static partial void Attempted(ILogger logger, string messageId, int? statusCode, string? error, WebhookMessageStatus status);

        [LoggerMessage(2, LogLevel.Warning, "Webhook {SubscriptionId} is disabled after {Failures} failed attempts in a row")]
        public static partial void Disabled(ILogger logger, string subscriptionId, int failures);
    }
}
