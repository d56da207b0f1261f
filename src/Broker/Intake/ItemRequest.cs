namespace Broker.Intake;

/// <summary>
/// A submitted (or edited) item, as the API receives it. Every field is checked, with a message per field. An edit that
/// names the <paramref name="Version"/> it was made from (an item's <c>version</c>) is refused with 409 when the item has
/// changed since.
/// </summary>
public sealed record ItemRequest(
    string? Opd,
    string? Title,
    string? Body,
    string? Link,
    DateTimeOffset? EventEndedAt,
    List<string>? MediaIds,
    List<string>? AccountIds,
    DateTimeOffset? PublishAt,
    long? Version = null);
