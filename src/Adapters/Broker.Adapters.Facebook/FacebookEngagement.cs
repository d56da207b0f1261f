using System.Globalization;
using System.Text.Json;
using Broker.Adapters.Graph;
using Broker.Adapters.Http;

namespace Broker.Adapters.Facebook;

/// <summary>
/// Reads a Page post's metrics and the Page's recent posts (docs/metrics.md lists each name and where Meta documents it).
/// Insights: <c>post_total_media_view_unique</c> (the reach metric that replaced <c>post_impressions_unique</c> in 2025),
/// <c>post_media_view</c> and <c>post_reactions_by_type_total</c>; comments and shares come from the post's own fields,
/// which need no insights permission.
/// </summary>
internal sealed class FacebookEngagement(GraphInsights insights, TimeProvider time)
{
    public static readonly IReadOnlyList<string> InsightMetrics = ["post_total_media_view_unique", "post_media_view", "post_reactions_by_type_total"];

    private const string ListFields = "id,created_time,permalink_url,message,shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)";

    public static MetricKind KindOf(string name) => name switch
    {
        "post_total_media_view_unique" or "post_impressions_unique" => MetricKind.Reach,
        "post_media_view" or "post_impressions" => MetricKind.Views,
        "post_reactions_by_type_total" or "reactions" => MetricKind.Reactions,
        "comments" => MetricKind.Comments,
        "shares" => MetricKind.Shares,
        _ => MetricKind.Other,
    };

    public async Task<ReadOutcome> ReadMetricsAsync(GraphApi api, string postId, Action<string> onSkipped, CancellationToken cancellationToken)
    {
        var read = await insights.ReadAsync(api, postId, InsightMetrics, time.GetUtcNow(), onSkipped, cancellationToken).ConfigureAwait(false);
        if (read is not ReadOutcome.Metrics metrics)
        {
            return read;
        }

        var counts = await api.GetAsync(
            UrlSegment.Escape(postId), [new("fields", "shares,comments.summary(total_count).limit(0)")], cancellationToken).ConfigureAwait(false);
        if (counts is not GraphResult.Answer answer)
        {
            return insights.FailureOf(counts, time.GetUtcNow());
        }

        var values = new Dictionary<string, long>(metrics.Read.Values, StringComparer.Ordinal);
        foreach (var (name, value) in Counts(answer.Body))
        {
            values[name] = value;
        }

        return new ReadOutcome.Metrics(metrics.Read with { Values = values });
    }

    public async Task<ReadOutcome> ReadRecentAsync(GraphApi api, string pageId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync(
            $"{UrlSegment.Escape(pageId)}/published_posts",
            [new("fields", ListFields), new("since", GraphApi.UnixSeconds(since)), new("limit", limit.ToString(CultureInfo.InvariantCulture))],
            cancellationToken).ConfigureAwait(false);
        if (result is not GraphResult.Answer answer)
        {
            return insights.FailureOf(result, time.GetUtcNow());
        }

        var posts = new List<RecentPost>();
        foreach (var post in GraphJson.Data(answer.Body))
        {
            if (GraphJson.String(post, "id") is { } id
                && DateTimeOffset.TryParse(GraphJson.String(post, "created_time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && at >= since)
            {
                posts.Add(new RecentPost(id, at, GraphJson.Url(post, "permalink_url"), GraphJson.String(post, "message"), Counts(post)));
            }
        }

        return new ReadOutcome.Posts([.. posts.Take(limit)]);
    }

    /// <summary>Reactions, comments and shares as the post object's fields give them.</summary>
    private static Dictionary<string, long> Counts(JsonElement post)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var edge in new[] { "reactions", "comments" })
        {
            if (post.TryGetProperty(edge, out var found) && found.ValueKind == JsonValueKind.Object
                && found.TryGetProperty("summary", out var summary) && GraphJson.Long(summary, "total_count") is { } total)
            {
                counts[edge] = total;
            }
        }

        if (post.TryGetProperty("shares", out var shares) && shares.ValueKind == JsonValueKind.Object && GraphJson.Long(shares, "count") is { } count)
        {
            counts["shares"] = count;
        }

        return counts;
    }
}
