namespace Broker.Dispatch;

public sealed record DeliveryView(
    string Id,
    string ItemId,
    string AccountId,
    string Platform,
    DeliveryStatus Status,
    DateTimeOffset ScheduledAt,
    DateTimeOffset DueAt,
    int Attempts,
    string? RemotePostId,
    string? Permalink,
    string? Error,
    string Text,
    DateTimeOffset? PublishedAt,
    string? ClaimedBy = null,
    string? WaitingFor = null)
{
    public DateTimeOffset? RemovedAt { get; init; }

    public string? RemovalConfirmedBy { get; init; }

    /// <summary>When the platform last took a corrected text for the post (an edit in place).</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>The stable code of <see cref="Error"/> (<see cref="DeliveryReasonCodes"/>), for clients that word it themselves.</summary>
    public string? ErrorCode { get; init; }

    public static DeliveryView Of(Delivery d) => new(
        d.Id, d.ItemId, d.AccountId, d.Platform, d.Status, d.ScheduledAt, d.DueAt, d.Attempts, d.RemotePostId, d.Permalink, d.Error, d.Text, d.PublishedAt, d.ClaimedBy)
    {
        RemovedAt = d.RemovedAt,
        RemovalConfirmedBy = d.RemovalConfirmedBy,
        EditedAt = d.EditedAt,
        ErrorCode = d.ErrorCode,
    };
}
