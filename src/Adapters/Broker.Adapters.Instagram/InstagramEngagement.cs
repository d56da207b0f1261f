using System.Globalization;
using System.Text.Json;
using Broker.Adapters.Graph;
using Broker.Adapters.Http;

namespace Broker.Adapters.Instagram;

/// <summary>
/// Reads a media object's insights and the account's recent media (docs/metrics.md lists each name and where Meta
/// documents it): <c>reach</c>, <c>views</c> (which replaced <c>impressions</c> and <c>plays</c> in April 2025),
/// <c>likes</c>, <c>comments</c>, <c>saved</c>, <c>shares</c> and <c>total_interactions</c>.
/// </summary>
internal sealed class InstagramEngagement(GraphInsights insights, TimeProvider time)
{
    public static readonly IReadOnlyList<string> InsightMetrics = ["reach", "views", "likes", "comments", "saved", "shares", "total_interactions"];

    public static MetricKind KindOf(string name) => name switch
    {
        "reach" => MetricKind.Reach,
        "views" or "impressions" or "plays" => MetricKind.Views,
        "likes" or "like_count" => MetricKind.Reactions,
        "comments" or "comments_count" => MetricKind.Comments,
        "shares" => MetricKind.Shares,
        "saved" => MetricKind.Saves,
        _ => MetricKind.Other,
    };

    public Task<ReadOutcome> ReadMetricsAsync(GraphApi api, string mediaId, Action<string> onSkipped, CancellationToken cancellationToken) =>
        insights.ReadAsync(api, mediaId, InsightMetrics, time.GetUtcNow(), onSkipped, cancellationToken);

    public async Task<ReadOutcome> ReadRecentAsync(GraphApi api, string userId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync(
            $"{UrlSegment.Escape(userId)}/media",
            [new("fields", "id,timestamp,permalink,caption,like_count,comments_count"), new("limit", limit.ToString(CultureInfo.InvariantCulture))],
            cancellationToken).ConfigureAwait(false);
        if (result is not GraphResult.Answer answer)
        {
            return insights.FailureOf(result, time.GetUtcNow());
        }

        var posts = new List<RecentPost>();
        foreach (var media in GraphJson.Data(answer.Body))
        {
            if (GraphJson.String(media, "id") is { } id
                && DateTimeOffset.TryParse(GraphJson.String(media, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && at >= since)
            {
                posts.Add(new RecentPost(id, at, GraphJson.Url(media, "permalink"), GraphJson.String(media, "caption"), Counts(media)));
            }
        }

        return new ReadOutcome.Posts([.. posts.Take(limit)]);
    }

    private static Dictionary<string, long> Counts(JsonElement media)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in new[] { "like_count", "comments_count" })
        {
            if (GraphJson.Long(media, name) is { } value)
            {
                counts[name] = value;
            }
        }

        return counts;
    }
}
