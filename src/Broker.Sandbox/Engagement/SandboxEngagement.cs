using System.Globalization;
using System.Text.Json.Nodes;
using Broker.Sandbox.Graph;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Engagement;

/// <summary>
/// A post's engagement as the sandbox plays it: numbers that grow with the post's age on the sandbox's clock (so a
/// moved clock shows later readings larger), and the insights endpoint of Facebook and Instagram, which refuses retired
/// and unknown metric names with Meta's invalid-metric error (code 100) for the whole call.
/// </summary>
internal static class SandboxEngagement
{
    /// <summary>Names Meta retired (docs/metrics.md): the answer is the invalid-metric error.</summary>
    public static readonly IReadOnlySet<string> Retired = new HashSet<string>(StringComparer.Ordinal)
    {
        "post_impressions", "post_impressions_unique", "post_impressions_paid", "post_impressions_organic", "post_impressions_organic_unique",
        "post_engaged_users", "impressions", "plays", "clips_replays_count", "ig_reels_aggregated_all_plays_count", "video_views", "engagement",
    };

    private static readonly IReadOnlySet<string> FacebookMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "post_total_media_view_unique", "post_media_view", "post_reactions_by_type_total", "post_clicks",
    };

    private static readonly IReadOnlySet<string> InstagramMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "reach", "views", "likes", "comments", "saved", "shares", "total_interactions", "follows", "profile_visits",
    };

    /// <summary>The counts of <paramref name="post"/> at <paramref name="now"/>: views grow with the square root of its age in hours.</summary>
    public static Counts For(SandboxPost post, DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - post.CreatedAt).TotalHours);
        var views = (long)Math.Floor(60 * Math.Sqrt(hours));
        return new Counts(views, views * 7 / 10, views / 10, views / 40, views / 50, views / 60);
    }

    /// <summary><c>GET /{post-or-media-id}/insights?metric=…</c>.</summary>
    public static SandboxAnswer Insights(CallContext call, SandboxState state, SandboxPost post)
    {
        var asked = (call.Parameter("metric") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (asked.Length == 0)
        {
            return GraphErrors.Error(3001, "No metric was specified to be fetched. Please specify one or more metrics to be fetched and try again.", subcode: 1504028);
        }

        var known = post.Platform == "instagram" ? InstagramMetrics : FacebookMetrics;
        if (asked.Any(m => Retired.Contains(m) || state.IsMetricRetired(m) || !known.Contains(m)))
        {
            return GraphErrors.Error(100, "(#100) The value must be a valid insights metric", type: "OAuthException");
        }

        var counts = For(post, state.Now);
        var data = new JsonArray();
        foreach (var metric in asked)
        {
            data.Add(new JsonObject
            {
                ["name"] = metric,
                ["period"] = "lifetime",
                ["values"] = new JsonArray(new JsonObject { ["value"] = Value(metric, counts) }),
                ["title"] = metric,
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"{post.Id}/insights/{metric}/lifetime"),
            });
        }

        return SandboxAnswer.Json(new JsonObject { ["data"] = data });
    }

    /// <summary>Facebook's post fields: <c>reactions</c> and <c>comments</c> summaries, and <c>shares</c>.</summary>
    public static void AddFacebookCounts(JsonObject json, SandboxPost post, DateTimeOffset now)
    {
        var counts = For(post, now);
        json["reactions"] = new JsonObject { ["data"] = new JsonArray(), ["summary"] = new JsonObject { ["total_count"] = counts.Likes } };
        json["comments"] = new JsonObject { ["data"] = new JsonArray(), ["summary"] = new JsonObject { ["total_count"] = counts.Comments } };
        json["shares"] = new JsonObject { ["count"] = counts.Shares };
    }

    /// <summary>Instagram's media fields <c>like_count</c> and <c>comments_count</c>.</summary>
    public static void AddInstagramCounts(JsonObject json, SandboxPost post, DateTimeOffset now)
    {
        var counts = For(post, now);
        json["like_count"] = counts.Likes;
        json["comments_count"] = counts.Comments;
    }

    /// <summary>X's <c>public_metrics</c>.</summary>
    public static JsonObject PublicMetrics(SandboxPost post, DateTimeOffset now)
    {
        var counts = For(post, now);
        return new JsonObject
        {
            ["retweet_count"] = counts.Shares,
            ["reply_count"] = counts.Comments,
            ["like_count"] = counts.Likes,
            ["quote_count"] = counts.Shares / 3,
            ["bookmark_count"] = counts.Saves,
            ["impression_count"] = counts.Views,
        };
    }

    private static JsonNode Value(string metric, Counts counts) => metric switch
    {
        "post_total_media_view_unique" or "reach" => counts.Reach,
        "post_media_view" or "views" => counts.Views,
        "post_reactions_by_type_total" => new JsonObject { ["like"] = counts.Likes - (counts.Likes / 4), ["love"] = counts.Likes / 4 },
        "likes" => counts.Likes,
        "comments" => counts.Comments,
        "shares" => counts.Shares,
        "saved" => counts.Saves,
        "total_interactions" => counts.Likes + counts.Comments + counts.Shares + counts.Saves,
        _ => 0,
    };

    public sealed record Counts(long Views, long Reach, long Likes, long Comments, long Shares, long Saves);
}
