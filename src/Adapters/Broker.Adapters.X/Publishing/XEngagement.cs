using System.Globalization;
using System.Text.Json;
using Broker.Adapters.Http;
using Broker.Adapters.X.Errors;

namespace Broker.Adapters.X.Publishing;

/// <summary>
/// Reads a post's <c>public_metrics</c> (<c>GET /2/tweets/:id?tweet.fields=public_metrics</c>) and the account's recent
/// posts (<c>GET /2/users/:id/tweets</c>). Every number in <c>public_metrics</c> is kept under its own name, so a field X
/// adds or drops needs no change (docs/metrics.md). A 403 means the app or token may not read: not permitted.
/// </summary>
internal static class XEngagement
{
    public static MetricKind KindOf(string name) => name switch
    {
        "impression_count" => MetricKind.Views,
        "like_count" => MetricKind.Reactions,
        "reply_count" => MetricKind.Comments,
        "retweet_count" or "quote_count" => MetricKind.Shares,
        "bookmark_count" => MetricKind.Saves,
        _ => MetricKind.Other,
    };

    public static async Task<ReadOutcome> ReadMetricsAsync(XApi api, Uri baseUrl, string postId, CancellationToken cancellationToken)
    {
        var url = XUrls.Combine(baseUrl, $"2/tweets/{UrlSegment.Escape(postId)}?tweet.fields=public_metrics");
        var result = await api.SendAsync(HttpMethod.Get, url, null, XCall.Read, cancellationToken).ConfigureAwait(false);
        if (Failure(result) is { } failure)
        {
            return failure;
        }

        if (result.Data("public_metrics") is { ValueKind: JsonValueKind.Object } metrics)
        {
            return new ReadOutcome.Metrics(new PostMetrics(Numbers(metrics)));
        }

        return NamesMissingResource(result.Body)
            ? new ReadOutcome.Gone($"X does not know post {postId} any more.")
            : new ReadOutcome.Transient("X answered without public_metrics.");
    }

    public static async Task<ReadOutcome> ReadRecentAsync(XApi api, Uri baseUrl, string userId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var start = since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var size = Math.Clamp(limit, 5, 100).ToString(CultureInfo.InvariantCulture);
        var url = XUrls.Combine(baseUrl, $"2/users/{UrlSegment.Escape(userId)}/tweets?max_results={size}&tweet.fields=created_at,public_metrics&start_time={Uri.EscapeDataString(start)}");
        var result = await api.SendAsync(HttpMethod.Get, url, null, XCall.Read, cancellationToken).ConfigureAwait(false);
        if (Failure(result) is { } failure)
        {
            return failure;
        }

        var posts = new List<RecentPost>();
        if (result.Body.ValueKind == JsonValueKind.Object && result.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var post in data.EnumerateArray())
            {
                var id = post.TryGetProperty("id", out var i) ? i.GetString() : null;
                var created = post.TryGetProperty("created_at", out var c) ? c.GetString() : null;
                if (id is not null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at >= since)
                {
                    var metrics = post.TryGetProperty("public_metrics", out var m) && m.ValueKind == JsonValueKind.Object ? Numbers(m) : [];
                    var text = post.TryGetProperty("text", out var t) ? t.GetString() : null;
                    posts.Add(new RecentPost(id, at, XUrls.Permalink(id), text, metrics));
                }
            }
        }

        return new ReadOutcome.Posts([.. posts.Take(limit)]);
    }

    private static ReadOutcome? Failure(XApiResult result) => result switch
    {
        { Failure: null } => null,
        { HttpStatus: 403 } => new ReadOutcome.NotPermitted($"X refused the read (HTTP 403): {ReadOutcome.FromFailure(result.Failure!).ReasonText}"),
        { HttpStatus: 404 } => new ReadOutcome.Gone("X does not know this post any more (HTTP 404)."),
        _ => ReadOutcome.FromFailure(result.Failure!),
    };

    private static Dictionary<string, long> Numbers(JsonElement metrics)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in metrics.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var value))
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    private static bool NamesMissingResource(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty("errors", out var errors)
        && errors.ValueKind == JsonValueKind.Array
        && errors.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object
            && e.TryGetProperty("type", out var type) && type.GetString()?.Contains("resource-not-found", StringComparison.Ordinal) == true);
}
