using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Broker.Events;
using Broker.Storage;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Broker.Webhooks;

/// <summary>
/// Sends a pass's due messages of one subscription: signs and posts each, at most
/// <see cref="WebhookOptions.MaxConcurrentPerEndpoint"/> at once and each object's one after another, then records every
/// attempt in one write and decides what comes next for each (delivered; a retry after a doubling delay; failed once
/// <see cref="WebhookOptions.RetryFor"/> has passed). Failures in a row are counted on the subscription, once per pass,
/// which is disabled at <see cref="WebhookOptions.DisableAfterFailures"/> with a <c>webhook.disabled</c> event.
/// </summary>
internal sealed partial class WebhookDelivery(
    IWebhookStore store,
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

    /// <summary>Sends <paramref name="messages"/>, all of subscription <paramref name="subscriptionId"/>, in the order given per object.</summary>
    public async Task SendAsync(string subscriptionId, IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(subscriptionId, cancellationToken);
        var attempts = new ConcurrentDictionary<string, WebhookAttempt>(StringComparer.Ordinal);
        if (subscription is { Enabled: true })
        {
            var secret = secrets.Unprotect(subscription.ProtectedSecret); // once per pass, not per message
            using var gate = new SemaphoreSlim(options.Value.MaxConcurrentPerEndpoint);
            await Task.WhenAll(messages.GroupBy(m => m.ObjectKey ?? string.Empty).Select(async lane =>
            {
                foreach (var message in lane)
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        attempts[message.Id] = await PostAsync(subscription, secret, message, cancellationToken);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
            }));
        }

        foreach (var message in messages)
        {
            Decide(message, attempts.TryGetValue(message.Id, out var attempt) ? attempt : NotSent(), subscription is { Enabled: true });
        }

        // Replayed or removed meanwhile are not written: that change decides what happens next.
        var saved = await store.SaveMessagesAsync(messages, cancellationToken);
        var outcomes = messages.Where(m => saved.Contains(m.Id)).Select(m => m.Attempts[^1]).OrderBy(a => a.At).ToList();
        foreach (var message in messages.Where(m => saved.Contains(m.Id)))
        {
            Log.Attempted(logger, message.Id, message.Attempts[^1].StatusCode, message.Attempts[^1].Error, message.Status);
        }

        if (subscription is { Enabled: true } && outcomes.Count > 0)
        {
            await CountAsync(subscription.Id, outcomes, cancellationToken);
        }
    }

    private WebhookAttempt NotSent() =>
        new() { At = time.GetUtcNow(), Error = "The subscription is disabled or removed: not sent (replay it once enabled)." };

    private void Decide(WebhookMessage message, WebhookAttempt attempt, bool enabled)
    {
        var delivered = Delivered(attempt);
        message.Attempts.Add(attempt);
        message.Status = delivered ? WebhookMessageStatus.Delivered : WebhookMessageStatus.Failed;
        message.RetryingSince ??= attempt.At;
        if (!delivered && enabled && attempt.At - message.RetryingSince < options.Value.RetryFor)
        {
            message.Status = WebhookMessageStatus.Pending;
            message.NextAttemptAt = attempt.At + RetryDelay(message.Attempts.Count);
        }
    }

    private static bool Delivered(WebhookAttempt attempt) => attempt.StatusCode is >= 200 and < 300;

    private async Task<WebhookAttempt> PostAsync(WebhookSubscription subscription, string secret, WebhookMessage message, CancellationToken cancellationToken)
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
            var signer = new StandardWebhook(secret);
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

    // The pass's outcomes in the order they happened: a success resets the count, each failure adds one.
    private async Task CountAsync(string subscriptionId, IReadOnlyList<WebhookAttempt> outcomes, CancellationToken cancellationToken)
    {
        for (var round = 0; round < Attempts; round++)
        {
            if (await store.GetAsync(subscriptionId, cancellationToken) is not { Enabled: true } subscription)
            {
                return;
            }

            var before = subscription.ConsecutiveFailures;
            WebhookAttempt? last = null;
            foreach (var attempt in outcomes)
            {
                subscription.ConsecutiveFailures = Delivered(attempt) ? 0 : subscription.ConsecutiveFailures + 1;
                last = attempt;
                if (subscription.ConsecutiveFailures >= options.Value.DisableAfterFailures)
                {
                    break;
                }
            }

            var disabling = subscription.ConsecutiveFailures >= options.Value.DisableAfterFailures;
            if (!disabling && subscription.ConsecutiveFailures == before && before == 0)
            {
                return; // nothing to write: still no failure in a row
            }

            if (disabling)
            {
                subscription.Enabled = false;
                subscription.DisabledReason = $"{subscription.ConsecutiveFailures} failed attempts in a row; the last: {last!.Error ?? "HTTP " + last.StatusCode}";
                subscription.UpdatedAt = time.GetUtcNow();
            }

            // The disabling and its event are one commit: a change that lost the race raises nothing.
            if (await store.UpdateAsync(subscription, disabling ? [Disabled(subscription)] : [], cancellationToken))
            {
                if (disabling)
                {
                    Log.Disabled(logger, subscription.Id, subscription.ConsecutiveFailures);
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
        [LoggerMessage(8201, LogLevel.Debug, "Webhook message {MessageId}: status {StatusCode}, error {Error}; now {Status}")]
        public static partial void Attempted(ILogger logger, string messageId, int? statusCode, string? error, WebhookMessageStatus status);

        [LoggerMessage(8202, LogLevel.Warning, "Webhook {SubscriptionId} is disabled after {Failures} failed attempts in a row")]
        public static partial void Disabled(ILogger logger, string subscriptionId, int failures);
    }
}
