namespace Broker.Adapters.X;

/// <summary>Builds X endpoint URLs under a configurable base (which may carry a path prefix, as the sandbox's <c>/x</c>).</summary>
internal static class XUrls
{
    /// <summary>The permalink X serves for a post id whatever the author's handle.</summary>
    public static Uri Permalink(string postId) => new($"https://x.com/i/web/status/{Uri.EscapeDataString(postId)}");

    public static Uri Combine(Uri baseUrl, string relative) =>
        new($"{baseUrl.ToString().TrimEnd('/')}/{relative.TrimStart('/')}");
}
