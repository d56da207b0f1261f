namespace Broker.Sandbox.State;

internal sealed class XMediaUpload(string id, string userId, string? mediaType, string? category, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public string MediaKey => (Category is { } c && c.Contains("video", StringComparison.Ordinal) ? "7_" : "3_") + Id;
    public string UserId { get; } = userId;
    public string? MediaType { get; } = mediaType;
    public string? Category { get; } = category;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public long? TotalBytes { get; init; }
    public SortedDictionary<int, long> Segments { get; } = [];
    public long Size { get; set; }
    public bool Finalized { get; set; }
    public int ChecksBeforeSucceeded { get; set; }
    public bool Failed { get; set; }

    public bool IsVideo => Category is { } c && (c.Contains("video", StringComparison.Ordinal) || c.Contains("gif", StringComparison.Ordinal));
}
