namespace Broker.Feeds;

/// <summary>What a fetch of a feed or a photo came to: the bytes, "not modified", or why nothing usable came.</summary>
public sealed record FetchResult(FetchStatus Status, byte[] Bytes, string? ETag, string? LastModified, string? Problem)
{
    public static FetchResult Refused(string problem) => new(FetchStatus.Refused, [], null, null, problem);

    public static readonly FetchResult NotModified = new(FetchStatus.NotModified, [], null, null, null);
}
