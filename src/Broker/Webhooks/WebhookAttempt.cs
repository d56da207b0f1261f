namespace Broker.Webhooks;

/// <summary>One try at sending a message: what the target answered (or why nothing was answered) and how long it took.</summary>
public sealed class WebhookAttempt
{
    public DateTimeOffset At { get; set; }

    /// <summary>The HTTP status the target answered; null when no answer came (refused target, timeout, connection error).</summary>
    public int? StatusCode { get; set; }

    public long DurationMs { get; set; }

    public string? Error { get; set; }
}
