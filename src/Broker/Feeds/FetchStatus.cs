namespace Broker.Feeds;

public enum FetchStatus
{
    Fetched,
    NotModified,

    /// <summary>Nothing usable: refused before or after the call (address, scheme, size), or the server failed.</summary>
    Refused,
}
