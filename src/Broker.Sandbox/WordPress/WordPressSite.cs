using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Sandbox.Media;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.WordPress;

/// <summary>The sandbox site's media and posts endpoints, answering as WordPress 6.x does.</summary>
internal sealed class WordPressSite(SandboxState state)
{
    /// <summary>Where the sandbox site's permalinks and uploads seem to live (https, as a real portal's are).</summary>
    public const string PublicSite = "https://portal.sandbox.test";

    private const int MaxUploadBytes = 32 * 1024 * 1024;

    /// <summary><c>POST /media</c>: the raw bytes, named by <c>Content-Disposition</c>, typed by <c>Content-Type</c>.</summary>
    public async Task<SandboxAnswer> UploadAsync(CallContext call)
    {
        var request = call.Http.Request;
        if (!ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            || string.IsNullOrWhiteSpace(disposition.FileName?.Trim('"')))
        {
            return WordPressErrors.Error(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.");
        }

        request.Body.Position = 0;
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory, call.Aborted);
        var bytes = memory.ToArray();
        if (bytes.Length == 0)
        {
            return WordPressErrors.Error(400, "rest_upload_no_data", "No data supplied.");
        }

        if (bytes.Length > MaxUploadBytes)
        {
            return WordPressErrors.Error(400, "rest_upload_file_too_big", "The uploaded file exceeds the upload_max_filesize directive in php.ini.");
        }

        var type = request.ContentType ?? string.Empty;
        if (type is not ("image/jpeg" or "image/png") || !ImageInspector.IsImage(bytes) || (type == "image/jpeg") != ImageInspector.IsJpeg(bytes))
        {
            return WordPressErrors.Error(400, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.");
        }

        var name = disposition.FileName!.Trim('"');
        var now = state.Now;
        var media = state.AddWordPressMedia(id => new WordPressMedia(
            id, call.Caller!.UserId!, name, type, bytes.Length, string.Create(CultureInfo.InvariantCulture, $"{PublicSite}/wp-content/uploads/{now:yyyy}/{now:MM}/{Uri.EscapeDataString(name)}"), now));
        return SandboxAnswer.Json(
            new JsonObject
            {
                ["id"] = media.Id,
                ["date_gmt"] = Date(media.CreatedAt),
                ["media_type"] = "image",
                ["mime_type"] = media.MimeType,
                ["source_url"] = media.SourceUrl,
                ["author"] = media.User,
            },
            201);
    }

    /// <summary><c>POST /posts</c>: <c>title</c>, <c>content</c>, <c>status</c>, <c>slug</c>, <c>featured_media</c>, <c>categories</c>, <c>tags</c>.</summary>
    public SandboxAnswer Create(CallContext call, JsonNode? body)
    {
        if (body is not JsonObject json)
        {
            return WordPressErrors.Error(400, "rest_invalid_json", "Invalid JSON body passed.");
        }

        var title = Text(json, "title");
        var content = Text(json, "content");
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(content))
        {
            return WordPressErrors.Error(400, "empty_content", "Content, title, and excerpt are empty.");
        }

        var status = Text(json, "status") ?? "draft";
        if (status is not ("publish" or "draft" or "pending" or "private" or "future"))
        {
            return WordPressErrors.InvalidParam("status", "status is not one of publish, future, draft, pending, private.");
        }

        var featured = json["featured_media"] is JsonValue value && value.TryGetValue<long>(out var mediaId) ? mediaId : 0;
        if (featured != 0 && state.FindWordPressMedia(featured) is null)
        {
            return WordPressErrors.Error(400, "rest_invalid_featured_media", "Invalid featured media ID.");
        }

        if (Ids(json, "categories") is not { } categories || Ids(json, "tags") is not { } tags)
        {
            return WordPressErrors.InvalidParam("categories", "categories and tags must be arrays of integers.");
        }

        var now = state.Now;
        var wanted = Slugify(Text(json, "slug") ?? title ?? "post");
        var post = state.AddWordPressPost(wanted, (id, slug) => new WordPressPostRecord(
            id, call.Caller!.UserId!, slug, title ?? string.Empty, content ?? string.Empty, featured, categories, tags, status,
            string.Create(CultureInfo.InvariantCulture, $"{PublicSite}/{now:yyyy}/{now:MM}/{slug}/"), now));
        return SandboxAnswer.Json(ToJson(post), 201);
    }

    /// <summary><c>GET /posts?slug=…&amp;status=…</c>: the matching posts (published ones unless <c>status</c> says otherwise), never trashed ones.</summary>
    public SandboxAnswer List(CallContext call)
    {
        var slug = call.Parameter("slug");
        var status = call.Parameter("status") ?? "publish";
        var posts = state.WordPressPosts
            .Where(p => p.Status != "trash" && (status == "any" || p.Status == status) && (slug is null || p.Slug == slug))
            .OrderByDescending(p => p.Id)
            .Take(10);
        return SandboxAnswer.Json(new JsonArray([.. posts.Select(p => (JsonNode)ToJson(p))]));
    }

    public SandboxAnswer Read(string id) =>
        Find(id) is { } post ? SandboxAnswer.Json(ToJson(post)) : WordPressErrors.InvalidPostId();

    /// <summary><c>DELETE /posts/{id}</c>: to the trash, or gone with <c>?force=true</c>; 410 when in the trash already.</summary>
    public SandboxAnswer Delete(CallContext call, string id)
    {
        if (Find(id) is not { } post)
        {
            return WordPressErrors.InvalidPostId();
        }

        if (post.User != call.Caller!.UserId)
        {
            return WordPressErrors.Error(403, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
        }

        var force = call.Parameter("force") is "true" or "1";
        if (!state.TrashWordPressPost(post, force))
        {
            return WordPressErrors.Error(410, "rest_already_trashed", "The post has already been deleted.");
        }

        return force
            ? SandboxAnswer.Json(new JsonObject { ["deleted"] = true, ["previous"] = ToJson(post) })
            : SandboxAnswer.Json(ToJson(post with { Status = "trash" }));
    }

    private WordPressPostRecord? Find(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? state.FindWordPressPost(number) : null;

    private static JsonObject ToJson(WordPressPostRecord post) => new()
    {
        ["id"] = post.Id,
        ["date_gmt"] = Date(post.CreatedAt),
        ["slug"] = post.Slug,
        ["status"] = post.Status,
        ["link"] = post.Link,
        ["title"] = new JsonObject { ["rendered"] = post.Title },
        ["content"] = new JsonObject { ["rendered"] = post.Content, ["protected"] = false },
        ["author"] = post.User,
        ["featured_media"] = post.FeaturedMedia,
        ["categories"] = new JsonArray([.. post.Categories.Select(c => (JsonNode)c)]),
        ["tags"] = new JsonArray([.. post.Tags.Select(t => (JsonNode)t)]),
    };

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<long>? Ids(JsonObject json, string name)
    {
        if (json[name] is null)
        {
            return [];
        }

        if (json[name] is not JsonArray array)
        {
            return null;
        }

        var ids = new List<long>();
        foreach (var item in array)
        {
            if (item is not JsonValue value || !value.TryGetValue<long>(out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>What <c>sanitize_title</c> leaves of ASCII text: lower-case letters, digits and single dashes.</summary>
    private static string Slugify(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        return slug.Length == 0 ? "post" : slug[..Math.Min(slug.Length, 200)];
    }
}
