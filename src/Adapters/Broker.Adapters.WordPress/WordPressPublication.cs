using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.WordPress;

/// <summary>
/// One publish attempt: the photos are uploaded first (the first becomes the featured image; each upload's id is kept in
/// the delivery's progress, so a later attempt reuses it), then the post is created with a slug unique to the
/// delivery, saved in the progress before the call, by which <see cref="FindAsync"/> finds it after an unknown outcome.
/// </summary>
internal sealed class WordPressPublication(WordPressApi api, PublishRequest request, WordPressCredentials credentials, WordPressOptions options, TimeProvider time, ILogger logger)
{
    private const string SlugKey = "wordpress.slug";

    private string User => request.Account.ExternalId;

    public async Task<PublishOutcome> PublishAsync(CancellationToken cancellationToken)
    {
        var uploaded = new List<(long Id, string Url)>();
        for (var index = 0; index < request.Post.Media.Count; index++)
        {
            var (media, failure) = await UploadAsync(index, request.Post.Media[index], cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            uploaded.Add(media);
        }

        var slug = Slug();
        await request.Progress.SetAsync(SlugKey, slug, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["title"] = WordPressContent.Title(request.Post.Text),
            ["content"] = WordPressContent.Html(WordPressContent.Body(request.Post.Text), [.. uploaded.Skip(1).Select(m => m.Url)]),
            ["status"] = "publish",
            ["slug"] = slug,
            ["categories"] = new JsonArray([.. credentials.Categories.Select(id => (JsonNode)id)]),
            ["tags"] = new JsonArray([.. credentials.Tags.Select(id => (JsonNode)id)]),
        };
        if (uploaded.Count > 0)
        {
            body["featured_media"] = uploaded[0].Id;
        }

        var answer = await api.PostJsonAsync("posts", body, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return WordPressOutcomes.Of(answer, mayHaveCreated: true, time.GetUtcNow(), options.RateLimitWait, User);
        }

        return Published(answer.Body) ?? new PublishOutcome.Unknown($"WordPress answered {answer.Status} without the post's id; the post may exist.");
    }

    /// <summary>Looks the delivery's slug up: the post when it exists, null when WordPress shows it does not.</summary>
    public async Task<PublishOutcome?> FindAsync(CancellationToken cancellationToken)
    {
        var slug = Slug();
        var answer = await api.GetAsync($"posts?slug={Uri.EscapeDataString(slug)}&status=any&_fields=id,link,slug,status", cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return WordPressOutcomes.Of(answer, mayHaveCreated: false, time.GetUtcNow(), options.RateLimitWait, User);
        }

        if (answer.Body is not JsonArray posts)
        {
            return new PublishOutcome.Transient($"WordPress answered the look-up of slug {slug} with something other than a list.");
        }

        var found = posts.FirstOrDefault(p => p?["slug"] is JsonValue value && value.TryGetValue<string>(out var text) && text == slug);
        WordPressLog.Reconciled(logger, request.DeliveryId, request.Account.Id, slug, found is null ? "no post" : "found");
        return found is null ? null : Published(found) ?? new PublishOutcome.Transient($"WordPress listed the post of slug {slug} without its id.");
    }

    private string Slug()
    {
        var saved = request.Progress.Get(SlugKey);
        return saved is not null && WordPressSlug.IsWellFormed(saved) ? saved : WordPressSlug.For(request.DeliveryId, WordPressContent.Title(request.Post.Text));
    }

    private async Task<((long Id, string Url) Media, PublishOutcome? Failure)> UploadAsync(int index, MediaFile photo, CancellationToken cancellationToken)
    {
        var key = "wordpress.media." + index.ToString(CultureInfo.InvariantCulture);
        if (request.Progress.Get(key) is { } saved && saved.Split(' ', 2) is [var savedId, var savedUrl]
            && long.TryParse(savedId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ((id, savedUrl), null);
        }

        byte[] bytes;
        var stream = await photo.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            bytes = copy.ToArray();
        }

        var extension = photo.ContentType == "image/png" ? "png" : "jpg";
        var name = $"foto-{WordPressSlug.For(request.DeliveryId, null)}-{index + 1}.{extension}";
        var answer = await api.UploadAsync(bytes, photo.ContentType, name, cancellationToken).ConfigureAwait(false);

        // An upload that may have been stored only leaves an unused file in the media library: never a second post.
        if (!answer.IsSuccess)
        {
            return (default, WordPressOutcomes.Of(answer, mayHaveCreated: false, time.GetUtcNow(), options.RateLimitWait, User));
        }

        if (answer.Body?["id"] is not JsonValue idValue || !idValue.TryGetValue<long>(out id) || answer.Text("source_url") is not { } url)
        {
            return (default, new PublishOutcome.Transient($"WordPress answered the upload of photo {index + 1} without its id or address."));
        }

        await request.Progress.SetAsync(key, $"{id.ToString(CultureInfo.InvariantCulture)} {url}", cancellationToken).ConfigureAwait(false);
        WordPressLog.MediaUploaded(logger, request.DeliveryId, index + 1, id.ToString(CultureInfo.InvariantCulture));
        return ((id, url), null);
    }

    private static PublishOutcome? Published(JsonNode? post)
    {
        if (post?["id"] is not JsonValue idValue || !idValue.TryGetValue<long>(out var id))
        {
            return null;
        }

        var link = post["link"] is JsonValue linkValue && linkValue.TryGetValue<string>(out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        return new PublishOutcome.Published(id.ToString(CultureInfo.InvariantCulture), link);
    }
}
