using System.Reflection;
using Broker.Api;
using Broker.Audit;
using Broker.Events;
using Broker.Hosting;
using Broker.Storage;

namespace Broker.Webhooks;

/// <summary>What editors do with subscriptions, for the API and the page alike: check, create, change, remove, replay.</summary>
public sealed class WebhookService(IWebhookStore store, WebhookSecrets secrets, WebhookTargets targets, WebhookSignal signal, Auditor audit, TimeProvider time)
{
    public const int MaxDescription = 200;

    /// <summary>Every event type a subscription may name: the constants of <see cref="Events.EventTypes"/>.</summary>
    public static readonly IReadOnlyList<string> KnownTypes = [.. typeof(EventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    public FieldErrors Check(WebhookRequest request, bool creating)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (targets.WhyRefused(request.Url) is { } url)
        {
            errors.Add("url", url);
        }

        foreach (var type in request.EventTypes ?? [])
        {
            if (!KnownTypes.Contains(type))
            {
                errors.Add("eventTypes", MessageCodes.WebhookEventType, $"'{type}' is not an event type; use one of {string.Join(", ", KnownTypes)}.", ("type", type));
            }
        }

        errors.Text("description", request.Description, MaxDescription, required: false);
        if (creating && request.Secret is { } secret && WebhookSecrets.WhyRefused(secret) is { } why)
        {
            errors.Add("secret", why);
        }

        return errors;
    }

    /// <summary>Stores a checked request as a new subscription; returns it with its secret in clear (shown this once).</summary>
    public async Task<(WebhookSubscription Subscription, string Secret)> CreateAsync(WebhookRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = request.Secret ?? WebhookSecrets.Generate();
        var now = time.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.NewGuid().ToString("N"),
            Url = request.Url!.Trim(),
            ProtectedSecret = secrets.Protect(secret),
            EventTypes = [.. (request.EventTypes ?? []).Distinct()],
            Description = request.Description?.Trim(),
            Enabled = request.Enabled ?? true,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AddAsync(subscription, cancellationToken);
        await audit.RecordAsync(actor, "webhook.created", "webhook", subscription.Id, subscription.Url, cancellationToken);
        return (subscription, secret);
    }

    /// <summary>Applies a checked request over the version read; enabling again clears the failure count.</summary>
    public async Task<OperationResult> UpdateAsync(WebhookSubscription subscription, WebhookRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(request);
        var enabling = request.Enabled == true && !subscription.Enabled;
        subscription.Url = request.Url!.Trim();
        subscription.EventTypes = [.. (request.EventTypes ?? []).Distinct()];
        subscription.Description = request.Description?.Trim();
        subscription.Enabled = request.Enabled ?? subscription.Enabled;
        if (enabling)
        {
            subscription.ConsecutiveFailures = 0;
            subscription.DisabledReason = null;
        }

        subscription.UpdatedAt = time.GetUtcNow();
        if (!await store.UpdateAsync(subscription, cancellationToken))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.WebhookChangedMeanwhile, "The webhook was changed meanwhile (by someone else, or by a failed delivery); read it again. Nothing was saved."));
        }

        await audit.RecordAsync(actor, "webhook.updated", "webhook", subscription.Id, subscription.Enabled ? subscription.Url : "disabled", cancellationToken);
        return OperationResult.Ok;
    }

    public async Task DeleteAsync(WebhookSubscription subscription, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await store.DeleteAsync(subscription.Id, cancellationToken);
        await audit.RecordAsync(actor, "webhook.deleted", "webhook", subscription.Id, subscription.Url, cancellationToken);
    }

    /// <summary>Sends a delivered or failed message again, the same body and <c>webhook-id</c>, at once.</summary>
    public async Task<OperationResult> ReplayAsync(WebhookMessage message, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Status == WebhookMessageStatus.Pending)
        {
            return OperationResult.Conflict(new UserMessage(MessageCodes.WebhookMessagePending, "This message is already waiting to be sent."));
        }

        message.Status = WebhookMessageStatus.Pending;
        message.NextAttemptAt = time.GetUtcNow();
        message.RetryingSince = null;
        if (!await store.SaveMessageAsync(message, cancellationToken))
        {
            return OperationResult.Conflict(new UserMessage(MessageCodes.WebhookMessageChangedMeanwhile, "The message was changed meanwhile; read it again."));
        }

        signal.Notify();

        await audit.RecordAsync(actor, "webhook.replayed", "webhook", message.SubscriptionId, message.EventId, cancellationToken);
        return OperationResult.Ok;
    }
}
