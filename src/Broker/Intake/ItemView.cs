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
    public static ItemView Of(Item i, IEnumerable<Delivery> deliveries) => new(
        i.Id, i.Opd, i.Title, i.Body, i.Link, i.EventEndedAt, i.MediaIds, i.AccountIds, i.PublishAt, i.Status, i.ReviewComment,
        i.RejectReason, i.CreatedAt, i.UpdatedAt, i.ApprovedAt, i.FirstPublishedAt,
        [.. deliveries.OrderBy(d => d.CreatedAt).Select(DeliveryView.Of)]);
}
