namespace Broker.Sandbox.State;

internal sealed class InstagramContainer(string id, string userId, string mediaType, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public string UserId { get; } = userId;
    /// <summary>IMAGE or CAROUSEL.</summary>
    public string MediaType { get; } = mediaType;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public string? ImageUrl { get; init; }
    public string? Caption { get; init; }
    public bool IsCarouselItem { get; init; }
    public IReadOnlyList<string> Children { get; init; } = [];
    public int PollsBeforeFinished { get; set; }
    /// <summary>When set, the container ends in ERROR with this subcode in <c>status</c>.</summary>
    public string? ErrorStatus { get; set; }
    public string? PublishedMediaId { get; set; }
}
