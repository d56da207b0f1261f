using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.X;

/// <summary>POST/GET/DELETE /2/tweets and GET /2/users/{id}/tweets.</summary>
internal sealed class XTweets(SandboxState state, SandboxOptions options)
{
    private const int MaxMedia = 4;

    public SandboxAnswer Create(CallContext call, JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            return XProblems.InvalidRequest("The request body must be a JSON object.");
        }

        var text = request["text"]?.GetValueKind() == JsonValueKind.String ? request["text"]!.GetValue<string>() : null;
        var mediaIds = ReadMediaIds(request);
        if (mediaIds is null)
        {
            return XProblems.InvalidRequest("media.media_ids must be an array of strings.", "media.media_ids");
        }

        if (string.IsNullOrEmpty(text) && mediaIds.Count == 0)
        {
            return XProblems.InvalidRequest("Either text or media is required.", "text");
        }

        if (text is not null && WeightedLength.Of(text) > options.XMaxWeightedLength)
        {
            return XProblems.InvalidRequest("The text of your Tweet is too long.", "text");
        }

        if (mediaIds.Count > MaxMedia)
        {
            return XProblems.InvalidRequest($"media.media_ids: a post can carry at most {MaxMedia} media items.", "media.media_ids");
        }

        var media = mediaIds.Select(state.FindXMedia).ToList();
        if (media.Any(m => m is null || !m.Finalized || m.Failed || m.ChecksBeforeSucceeded > 0 || m.CreatedAt + TimeSpan.FromDays(1) <= state.Now))
        {
            return XProblems.InvalidRequest("Your media IDs are invalid.", "media.media_ids");
        }

        var userId = call.Caller!.UserId!;
        if (text is not null && state.Posts("x", userId).Any(p => p.Text == text))
        {
            return XProblems.Duplicate();
        }

        var id = state.NewXId();
        state.AddPost(new SandboxPost(
            "x", userId, id, "tweet", text, null,
            [.. media.Select(m => $"x-media:{m!.MediaKey}")], mediaIds, state.Now, $"https://x.com/i/status/{id}"));
        return SandboxAnswer.Json(new JsonObject { ["data"] = new JsonObject { ["id"] = id, ["text"] = text ?? string.Empty } }, 201);
    }

    public SandboxAnswer Read(CallContext call, string id)
    {
        var post = state.FindPost("x", id);
        return post is null
            ? XProblems.NotFound(id, "tweet", "id")
            : SandboxAnswer.Json(new JsonObject { ["data"] = ToJson(post, call) });
    }

    public SandboxAnswer Delete(CallContext call, string id)
    {
        var post = state.FindPost("x", id);
        if (post is null)
        {
            return XProblems.NotFound(id, "tweet", "id");
        }

        if (post.AccountId != call.Caller!.UserId)
        {
            return XProblems.Problem(403, "Forbidden", "You are not authorized to delete this Tweet.");
        }

        return SandboxAnswer.Json(new JsonObject { ["data"] = new JsonObject { ["deleted"] = state.DeletePost(post) } });
    }

    public SandboxAnswer ListOfUser(CallContext call, string userId)
    {
        var max = 10;
        if (call.Parameter("max_results") is { } raw && (!int.TryParse(raw, CultureInfo.InvariantCulture, out max) || max is < 5 or > 100))
        {
            return XProblems.InvalidRequest($"The `max_results` query parameter value [{raw}] is not between 5 and 100", "max_results");
        }

        var startTime = DateTimeOffset.TryParse(call.Parameter("start_time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : (DateTimeOffset?)null;
        var skip = int.TryParse(call.Parameter("pagination_token"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var token) ? Math.Max(0, token) : 0;
        var all = state.Posts("x", userId)
            .Where(p => startTime is null || p.CreatedAt >= startTime)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => long.Parse(p.Id, CultureInfo.InvariantCulture))
            .ToList();
        var posts = all.Skip(skip).Take(max).ToList();
        var meta = new JsonObject { ["result_count"] = posts.Count };
        if (posts.Count > 0)
        {
            meta["newest_id"] = posts[0].Id;
            meta["oldest_id"] = posts[^1].Id;
        }

        // X's tokens are opaque; the sandbox's only encodes how many posts came before the next page.
        if (skip + posts.Count < all.Count)
        {
            meta["next_token"] = (skip + posts.Count).ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject();
        if (posts.Count > 0)
        {
            body["data"] = new JsonArray([.. posts.Select(p => (JsonNode)ToJson(p, call))]);
        }

        body["meta"] = meta;
        return SandboxAnswer.Json(body);
    }

    public static SandboxAnswer Me(CallContext call) => SandboxAnswer.Json(new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["id"] = call.Caller!.UserId,
            ["name"] = "Sandbox User",
            ["username"] = "sandbox_" + call.Caller.UserId![^Math.Min(6, call.Caller.UserId!.Length)..],
        },
    });

    private static JsonObject ToJson(SandboxPost post, CallContext call)
    {
        var json = new JsonObject
        {
            ["id"] = post.Id,
            ["text"] = post.Text ?? string.Empty,
            ["created_at"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["edit_history_tweet_ids"] = new JsonArray(post.Id),
        };
        if (call.Parameter("tweet.fields")?.Contains("author_id", StringComparison.Ordinal) == true)
        {
            json["author_id"] = post.AccountId;
        }

        if (call.Parameter("tweet.fields")?.Contains("public_metrics", StringComparison.Ordinal) == true)
        {
            json["public_metrics"] = Engagement.SandboxEngagement.PublicMetrics(post, call.Http.RequestServices.GetRequiredService<SandboxState>().Now);
        }

        if (post.MediaIds.Count > 0)
        {
            json["attachments"] = new JsonObject { ["media_keys"] = new JsonArray([.. post.MediaUrls.Select(u => (JsonNode)u.Replace("x-media:", string.Empty, StringComparison.Ordinal))]) };
        }

        return json;
    }

    private static List<string>? ReadMediaIds(JsonObject request)
    {
        if (request["media"] is not JsonObject media || media["media_ids"] is not { } ids)
        {
            return [];
        }

        if (ids is not JsonArray array || array.Any(i => i?.GetValueKind() != JsonValueKind.String))
        {
            return null;
        }

        return [.. array.Select(i => i!.GetValue<string>())];
    }
}
