using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Sandbox.Faults;
using Broker.Sandbox.Graph;
using Broker.Sandbox.Media;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Facebook;

/// <summary>Facebook Page publishing: /feed, /photos, listing and reading posts.</summary>
internal sealed class FacebookPages(SandboxState state, MediaFetcher fetcher, SandboxOptions options)
{
    private const long MaxPhotoBytes = 10L * 1024 * 1024;

    public Task<SandboxAnswer> PostFeedAsync(CallContext call)
    {
        var pageId = call.ObjectId!;
        var message = call.Parameter("message");
        var link = call.Parameter("link");
        if (!TryReadAttachedMedia(call.Parameter("attached_media"), out var photoIds))
        {
            return Task.FromResult(GraphErrors.InvalidParameter("(#100) param attached_media must be an array of objects with media_fbid"));
        }

        if (string.IsNullOrWhiteSpace(message) && string.IsNullOrWhiteSpace(link) && photoIds.Count == 0)
        {
            return Task.FromResult(GraphErrors.InvalidParameter("(#100) Missing message or attachment"));
        }

        if (options.FacebookRejectConsecutiveDuplicates && state.IsConsecutiveDuplicate(pageId, message))
        {
            return Task.FromResult(GraphErrors.Error(506, "(#506) Duplicate status message"));
        }

        var published = GraphFormat.IsTrue(call.Parameter("published"), whenMissing: true);
        var scheduled = GraphFormat.UnixOrIso(call.Parameter("scheduled_publish_time"));
        var postId = pageId + "_" + state.NewFacebookId();
        if (!state.TryAttachPhotos(pageId, photoIds, postId, out var problem))
        {
            return Task.FromResult(GraphErrors.InvalidParameter(problem!));
        }

        var kind = published ? "status" : scheduled is null ? "unpublished" : "scheduled";
        var urls = photoIds.Select(id => state.FindPhoto(id)?.Url ?? string.Empty).ToList();
        var permalink = call.Fault is { } fault && fault.Is(FaultKinds.Permalink) ? fault.Permalink ?? "" : Permalink(postId);
        var post = new SandboxPost("facebook", pageId, postId, kind, message, link, urls, photoIds, state.Now, permalink);
        state.AddPost(post);
        state.RememberMessage(pageId, message);
        var body = new JsonObject { ["id"] = postId };
        if (GraphFormat.Fields(call.Parameter("fields")).Contains("permalink_url"))
        {
            body["permalink_url"] = post.Permalink;
        }

        return Task.FromResult(SandboxAnswer.Json(body));
    }

    public async Task<SandboxAnswer> PostPhotoAsync(CallContext call, IFormFileCollection? files)
    {
        var pageId = call.ObjectId!;
        var url = call.Parameter("url");
        var source = files?.GetFile("source");
        byte[]? bytes;
        if (source is not null)
        {
            using var memory = new MemoryStream();
            await source.CopyToAsync(memory, call.Aborted);
            bytes = memory.ToArray();
        }
        else if (!string.IsNullOrWhiteSpace(url))
        {
            var fetched = await fetcher.FetchAsync(url, MaxPhotoBytes, call.Aborted);
            if (!fetched.Ok)
            {
                return GraphErrors.Error(324, "(#324) Missing or invalid image file: " + (fetched.TooLarge ? "the image is too large" : fetched.Error));
            }

            bytes = fetched.Bytes!;
        }
        else
        {
            return GraphErrors.Error(324, "(#324) Requires upload file");
        }

        if (!ImageInspector.IsImage(bytes))
        {
            return GraphErrors.Error(324, "(#324) Missing or invalid image file");
        }

        var caption = call.Parameter("caption") ?? call.Parameter("message");
        var published = GraphFormat.IsTrue(call.Parameter("published"), whenMissing: true);
        var photo = new FacebookPhoto(state.NewFacebookId(), pageId, url, bytes.Length, caption, published);
        state.AddPhoto(photo);
        if (!published)
        {
            return SandboxAnswer.Json(new JsonObject { ["id"] = photo.Id });
        }

        var postId = pageId + "_" + state.NewFacebookId();
        photo.PostId = postId;
        state.AddPost(new SandboxPost(
            "facebook", pageId, postId, "photo", caption, null, [url ?? $"upload:{source?.FileName}"], [photo.Id], state.Now, Permalink(postId)));
        return SandboxAnswer.Json(new JsonObject { ["id"] = photo.Id, ["post_id"] = postId });
    }

    public Task<SandboxAnswer> ListPostsAsync(CallContext call)
    {
        var since = GraphFormat.UnixOrIso(call.Parameter("since"));
        var until = GraphFormat.UnixOrIso(call.Parameter("until"));
        var fields = GraphFormat.Fields(call.Parameter("fields"), "id", "message", "created_time");
        var posts = state.Posts("facebook", call.ObjectId)
            .Where(p => p.Kind is "status" or "photo")
            .Where(p => since is null || p.CreatedAt.ToUnixTimeSeconds() >= since)
            .Where(p => until is null || p.CreatedAt.ToUnixTimeSeconds() <= until)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(GraphPaging.Page(call, posts, 25, p => GraphFormat.Select(ToJson(p, state.Now), fields)));
    }

    public static SandboxAnswer ReadPost(CallContext call, SandboxPost post, DateTimeOffset now) =>
        SandboxAnswer.Json(GraphFormat.Select(ToJson(post, now), GraphFormat.Fields(call.Parameter("fields"), "id", "message", "created_time")));

    public static SandboxAnswer ReadPhoto(CallContext call, FacebookPhoto photo)
    {
        var all = new JsonObject
        {
            ["id"] = photo.Id,
            ["name"] = photo.Caption,
            ["link"] = $"https://www.facebook.com/photo/?fbid={photo.Id}",
            ["page_story_id"] = photo.PostId,
        };
        return SandboxAnswer.Json(GraphFormat.Select(all, GraphFormat.Fields(call.Parameter("fields"), "id")));
    }

    public static string Permalink(string postId)
    {
        var parts = postId.Split('_');
        return $"https://www.facebook.com/{parts[0]}/posts/{parts[^1]}";
    }

    private static JsonObject ToJson(SandboxPost post, DateTimeOffset now)
    {
        var json = Fields(post);
        Engagement.SandboxEngagement.AddFacebookCounts(json, post, now);
        return json;
    }

    private static JsonObject Fields(SandboxPost post) => new()
    {
        ["id"] = post.Id,
        ["message"] = post.Text,
        ["link"] = post.Link,
        ["created_time"] = GraphFormat.Time(post.CreatedAt),
        ["permalink_url"] = post.Permalink,
        ["is_published"] = post.Kind is "status" or "photo",
        ["full_picture"] = post.MediaUrls.FirstOrDefault(),
    };

    private static bool TryReadAttachedMedia(string? raw, out List<string> ids)
    {
        ids = [];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            foreach (var item in items)
            {
                var element = item.ValueKind == JsonValueKind.String ? JsonDocument.Parse(item.GetString()!).RootElement : item;
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("media_fbid", out var id))
                {
                    return false;
                }

                ids.Add(id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText());
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
