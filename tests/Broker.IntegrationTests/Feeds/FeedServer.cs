using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Broker.IntegrationTests.Feeds;

/// <summary>
/// A portal's feed on loopback, served by a tiny Kestrel app the test changes as it goes: the feed document (with an
/// ETag answered by 304), its status (down), and photos by name. Counts the reads and the conditional ones.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, byte[]> photos = [];
    private int reads;
    private int notModified;

    private FeedServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri FeedUrl => new(BaseUrl, "feed.xml");

    /// <summary>The document served; null answers 503 (the portal is down).</summary>
    public string? Document { get; set; }

    public string ContentType { get; set; } = "application/rss+xml";

    /// <summary>Whether a matching <c>If-None-Match</c> gets 304 (off: the server ignores validators).</summary>
    public bool HonoursETag { get; set; } = true;

    public int Reads => Volatile.Read(ref reads);

    public int NotModified => Volatile.Read(ref notModified);

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FeedServer(builder.Build());
        server.app.MapGet("/feed.xml", server.Feed);
        server.app.MapGet("/photos/{name}", (string name) => server.photos.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "image/jpeg") : Results.NotFound());
        await server.app.StartAsync();
        server.BaseUrl = new Uri(server.app.Urls.First() + "/");
        return server;
    }

    public Uri Photo(string name, byte[] bytes)
    {
        photos[name] = bytes;
        return new Uri(BaseUrl, "photos/" + name);
    }

    /// <summary>An RSS 2.0 document of the given entries: (guid, title, description, link, photo or null).</summary>
    public static string Rss(params (string Guid, string Title, string Text, string Link, Uri? Photo)[] entries)
    {
        var items = new StringBuilder();
        foreach (var (guid, title, text, link, photo) in entries)
        {
            var enclosure = photo is null ? "" : $"<enclosure url=\"{photo}\" length=\"1000\" type=\"image/jpeg\"/>";
            items.Append(CultureInfoInvariant($"<item><guid isPermaLink=\"false\">{guid}</guid><title>{WebUtility.HtmlEncode(title)}</title><description>{WebUtility.HtmlEncode(text)}</description><link>{link}</link>{enclosure}<pubDate>Mon, 23 Nov 2026 02:00:00 GMT</pubDate></item>"));
        }

        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Portal Dinkes</title><link>https://dinkes.example.go.id/</link><description>Berita</description>{items}</channel></rss>";
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private IResult Feed(HttpContext context)
    {
        Interlocked.Increment(ref reads);
        if (Document is not { } document)
        {
            return Results.StatusCode(503);
        }

        var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(document)))[..16] + "\"";
        context.Response.Headers.ETag = etag;
        if (HonoursETag && context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Interlocked.Increment(ref notModified);
            return Results.StatusCode(304);
        }

        return Results.Text(document, ContentType, Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
