namespace Broker.Sandbox.Media;

/// <summary>The outcome of fetching a media URL; <see cref="Bytes"/> is null on failure or when too large.</summary>
internal sealed record FetchedMedia(byte[]? Bytes, long Size, bool TooLarge, bool TimedOut, string? Error)
{
    public bool Ok => Bytes is not null;

    public static FetchedMedia Failed(string error) => new(null, 0, TooLarge: false, TimedOut: false, error);
}
