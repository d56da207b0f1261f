using Broker.Dispatch;

namespace Broker.Intake;

public sealed record ItemView(
    string Id,
    string Opd,
    string Title,
    string Body,
    string? Link,
    DateTimeOffset? EventEndedAt,
    IReadOnlyList<string> MediaIds,
    IReadOnlyList<string> AccountIds,
    DateTimeOffset? PublishAt,
    ItemStatus Status,
    string? ReviewComment,
    string? RejectReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? FirstPublishedAt,
    IReadOnlyList<DeliveryView> Deliveries)
{
    /// <summary>The item's version: give it back with an edit to have the edit refused if the item changed meanwhile.</summary>
    public long Version { get; init; }

    /// <summary>Who edited the item after it was submitted (none of them may approve it).</summary>
    public IReadOnlyList<string> EditedBy { get; init; } = [];

    /// <summary>The feed entry the item was made from (a subscription), or null for an item a person submitted.</summary>
    public ItemSource? Source { get; init; }

    public DateTimeOffset? RetractedAt { get; init; }

    public string? RetractedBy { get; init; }

    public string? RetractReason { get; init; }

    public string? CorrectsItemId { get; init; }

    public string? CorrectedByItemId { get; init; }

    public static ItemView Of(Item i, IEnumerable<Delivery> deliveries) => new(
        i.Id, i.Opd, i.Title, i.Body, i.Link, i.EventEndedAt, i.MediaIds, i.AccountIds, i.PublishAt, i.Status, i.ReviewComment,
        i.RejectReason, i.CreatedAt, i.UpdatedAt, i.ApprovedAt, i.FirstPublishedAt,
        [.. deliveries.OrderBy(d => d.CreatedAt).Select(DeliveryView.Of)])
    {
        Version = i.Version,
        EditedBy = i.EditedBy,
        Source = i.Source,
        RetractedAt = i.RetractedAt,
        RetractedBy = i.RetractedBy,
        RetractReason = i.RetractReason,
        CorrectsItemId = i.CorrectsItemId,
        CorrectedByItemId = i.CorrectedByItemId,
    };
}
