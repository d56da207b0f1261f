using System.Security.Cryptography;
using Broker.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Broker.Feeds;

/// <summary>
/// The public feeds of published items: <c>/feed/rss</c> and <c>/feed/atom</c> for the whole city,
/// <c>/opd/{code}/feed/rss</c> and <c>/opd/{code}/feed/atom</c> for one OPD. Anonymous, cacheable: an <c>ETag</c> (a hash of
/// the bytes) and <c>Last-Modified</c> on every answer, 304 to a reader who already has them.
/// </summary>
public static class FeedsApi
{
    public static IEndpointRouteBuilder MapPublishedFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feed/rss", (HttpContext context, PublishedFeed feed, IOptions<FeedsOptions> options, CancellationToken ct) =>
            ServeAsync(context, feed, options.Value, FeedFormat.Rss, null, ct)).AllowAnonymous().WithTags("Feeds");
        app.MapGet("/feed/atom", (HttpContext context, PublishedFeed feed, IOptions<FeedsOptions> options, CancellationToken ct) =>
            ServeAsync(context, feed, options.Value, FeedFormat.Atom, null, ct)).AllowAnonymous().WithTags("Feeds");
        app.MapGet("/opd/{code}/feed/rss", (string code, HttpContext context, PublishedFeed feed, IOpdStore opds, IOptions<FeedsOptions> options, CancellationToken ct) =>
            ServeOpdAsync(code, context, feed, opds, options.Value, FeedFormat.Rss, ct)).AllowAnonymous().WithTags("Feeds");
        app.MapGet("/opd/{code}/feed/atom", (string code, HttpContext context, PublishedFeed feed, IOpdStore opds, IOptions<FeedsOptions> options, CancellationToken ct) =>
            ServeOpdAsync(code, context, feed, opds, options.Value, FeedFormat.Atom, ct)).AllowAnonymous().WithTags("Feeds");
        return app;
    }

    private static async Task<IResult> ServeOpdAsync(
        string code, HttpContext context, PublishedFeed feed, IOpdStore opds, FeedsOptions options, FeedFormat format, CancellationToken cancellationToken) =>
        await opds.GetAsync(code, cancellationToken) is { } opd
            ? await ServeAsync(context, feed, options, format, opd, cancellationToken)
            : Api.ApiResults.NotFound("OPD", code);

    private static async Task<IResult> ServeAsync(
        HttpContext context, PublishedFeed feed, FeedsOptions options, FeedFormat format, Accounts.Opd? opd, CancellationToken cancellationToken)
    {
        var written = await feed.WriteAsync(format, opd, context.Request.Path, cancellationToken);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(written.Bytes).AsSpan(0, 16))}\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = written.LastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = options.CacheTime };
        if (NotModified(context.Request, etag, written.LastModified))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var type = format == FeedFormat.Atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
        return Results.Bytes(written.Bytes, type);
    }

    /// <summary>RFC 9110 §13.2.2: <c>If-None-Match</c> decides when present (weak comparison); else <c>If-Modified-Since</c>.</summary>
    private static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset? lastModified)
    {
        var conditions = request.GetTypedHeaders();
        if (conditions.IfNoneMatch is { Count: > 0 } tags)
        {
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        }

        return conditions.IfModifiedSince is { } since && lastModified is { } modified && modified <= since;
    }
}
