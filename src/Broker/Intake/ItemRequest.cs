namespace Broker.Intake;

/// <summary>A submitted (or edited) item, as the API receives it. Every field is checked, with a message per field.</summary>
public sealed record ItemRequest(
    string? Opd,
    string? Title,
    string? Body,
    string? Link,
    DateTimeOffset? EventEndedAt,
    List<string>? MediaIds,
    List<string>? AccountIds,
    DateTimeOffset? PublishAt);
