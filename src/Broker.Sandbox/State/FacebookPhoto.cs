namespace Broker.Sandbox.State;

internal sealed class FacebookPhoto(string id, string pageId, string? url, long size, string? caption, bool published)
{
    public string Id { get; } = id;
    public string PageId { get; } = pageId;
    public string? Url { get; } = url;
    public long Size { get; } = size;
    public string? Caption { get; } = caption;
    public bool Published { get; } = published;
    public string? PostId { get; set; }
}
