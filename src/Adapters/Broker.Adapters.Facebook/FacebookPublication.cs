using System.Globalization;
using System.Text.Json;
using Broker.Adapters.Graph;
using Broker.Adapters.Http;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Facebook;

/// <summary>One publish attempt of one delivery to one Page: lives for the call only.</summary>
internal sealed class FacebookPublication(GraphApi api, PublishRequest request, FacebookOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>More pages (of 100) than this since one attempt is no timeline a government Page has: stop and say so.</summary>
    private const int MaxReconcilePages = 20;

    /// <summary>The Page id as one path segment: ids go into paths only escaped.</summary>
    private string PageId => UrlSegment.Escape(request.Account.ExternalId);

    private RenderedPost Post => request.Post;

    public async Task<PublishOutcome> PublishAsync(CancellationToken cancellationToken)
    {
        var created = Post.Media.Count switch
        {
            0 => await PostToFeedAsync(TextFields(), cancellationToken),
            1 => await PostOnePhotoAsync(cancellationToken),
            _ => await PostPhotosAsync(cancellationToken),
        };
        if (created.Outcome is { } stopped)
        {
            return stopped;
        }

        return created.Permalink is { } permalink
            ? new PublishOutcome.Published(created.PostId!, permalink)
            : await ReadPermalinkAsync(created.PostId!, cancellationToken);
    }

    /// <summary>
    /// Reads every page of the Page's posts since shortly before the first attempt: a busy Page can have made many posts
    /// since, and a post missed here would be made twice.
    /// </summary>
    public async Task<PublishOutcome?> FindPublishedAsync(CancellationToken cancellationToken)
    {
        var since = GraphApi.UnixSeconds(request.FirstAttemptAt - options.ReconcileLookBack);
        string? after = null;
        for (var page = 0; page < MaxReconcilePages; page++)
        {
            List<KeyValuePair<string, string>> query = [new("fields", "id,message,created_time,permalink_url"), new("since", since), new("limit", "100")];
            if (after is not null)
            {
                query.Add(new("after", after));
            }

            switch (await api.GetAsync($"{PageId}/published_posts", query, cancellationToken))
            {
                case GraphResult.Answer answer when Match(answer) is { } found:
                    return found;
                case GraphResult.Answer answer:
                    after = GraphJson.NextCursor(answer.Body);
                    if (after is null)
                    {
                        return null;
                    }

                    break;
                case GraphResult.Refusal refusal:
                    return FacebookErrorClassifier.Classify(refusal, time.GetUtcNow(), options.RateLimitWait, publishingCall: false);
                case GraphResult.NoAnswer noAnswer:
                    return FacebookErrorClassifier.Classify(noAnswer, publishingCall: false);
            }
        }

        return new PublishOutcome.Transient($"The Page has more than {MaxReconcilePages} pages of posts since the first attempt; not all could be checked.");
    }

    private PublishOutcome.Published? Match(GraphResult.Answer answer)
    {
        foreach (var post in GraphJson.Data(answer.Body))
        {
            if (GraphText.SameText(GraphJson.String(post, "message"), Post.Text) && GraphJson.String(post, "id") is { } id)
            {
                return new PublishOutcome.Published(id, GraphJson.Url(post, "permalink_url") ?? ConstructedPermalink(id));
            }
        }

        return null;
    }

    private List<KeyValuePair<string, string>> TextFields()
    {
        List<KeyValuePair<string, string>> fields = [new("message", Post.Text)];
        if (Post.Link is { } link)
        {
            fields.Add(new("link", link.AbsoluteUri));
        }

        return fields;
    }

    /// <summary>
    /// Posts to the Page's feed and asks for the permalink in the same answer (Graph's read-after-write through
    /// <c>fields</c>), which spares the read-back call: half the latency of a text post and of its share of the Page's
    /// rate limit.
    /// </summary>
    private async Task<Created> PostToFeedAsync(List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var result = await api.PostFormAsync($"{PageId}/feed", [.. fields, new("fields", "id,permalink_url")], cancellationToken);
        var created = FromPublishingCall(result, body => GraphJson.String(body, "id"));
        return result is GraphResult.Answer answer && created.Outcome is null
            ? created with { Permalink = GraphJson.Url(answer.Body, "permalink_url") }
            : created;
    }

    private async Task<Created> PostOnePhotoAsync(CancellationToken cancellationToken)
    {
        var result = await api.PostFormAsync(
            $"{PageId}/photos",
            [
                new("url", Post.Media[0].PublicUrl.AbsoluteUri),
                new("caption", Post.Text),
                new("published", "true"),
            ],
            cancellationToken);

        // A published photo's story is the post: its id is post_id; the photo's own id is only the fallback.
        return FromPublishingCall(result, body => GraphJson.String(body, "post_id") ?? GraphJson.String(body, "id"));
    }

    private async Task<Created> PostPhotosAsync(CancellationToken cancellationToken)
    {
        var photoIds = new List<string>(Post.Media.Count);
        for (var index = 0; index < Post.Media.Count; index++)
        {
            var uploaded = await UploadUnpublishedPhotoAsync(index, cancellationToken);
            if (uploaded.Outcome is not null)
            {
                return uploaded;
            }

            photoIds.Add(uploaded.PostId!);
        }

        var attached = JsonSerializer.Serialize(photoIds.Select(id => new Dictionary<string, string> { ["media_fbid"] = id }));
        return await PostToFeedAsync([new("message", Post.Text), new("attached_media", attached)], cancellationToken);
    }

    /// <summary>
    /// Uploads one photo with <c>published=false</c>. Such photos are invisible, so this step is safe to repeat; its id
    /// is saved so a later attempt attaches the same photo instead of uploading it again.
    /// </summary>
    private async Task<Created> UploadUnpublishedPhotoAsync(int index, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"facebook.photo.{index}");
        if (request.Progress.Get(key) is { Length: > 0 } saved)
        {
            return new Created(saved, null);
        }

        var result = await api.PostFormAsync(
            $"{PageId}/photos",
            [new("url", Post.Media[index].PublicUrl.AbsoluteUri), new("published", "false")],
            cancellationToken);
        switch (result)
        {
            case GraphResult.Answer answer when GraphJson.String(answer.Body, "id") is { } photoId:
                await request.Progress.SetAsync(key, photoId, cancellationToken);
                FacebookLog.PhotoUploaded(logger, request.DeliveryId, index, photoId);
                return new Created(photoId, null);
            case GraphResult.Refusal refusal:
                return new Created(null, FacebookErrorClassifier.Classify(refusal, time.GetUtcNow(), options.RateLimitWait, publishingCall: false));
            case GraphResult.NoAnswer noAnswer:
                return new Created(null, FacebookErrorClassifier.Classify(noAnswer, publishingCall: false));
            default:
                return new Created(null, new PublishOutcome.Transient("Facebook answered the photo upload without an id."));
        }
    }

    private Created FromPublishingCall(GraphResult result, Func<JsonElement, string?> readId) => result switch
    {
        GraphResult.Answer answer when readId(answer.Body) is { } id => new Created(id, null),
        GraphResult.Answer => new Created(null, new PublishOutcome.Unknown("Facebook accepted the post but answered without its id.")),
        GraphResult.Refusal refusal => new Created(null, FacebookErrorClassifier.Classify(refusal, time.GetUtcNow(), options.RateLimitWait, publishingCall: true)),
        GraphResult.NoAnswer noAnswer => new Created(null, FacebookErrorClassifier.Classify(noAnswer, publishingCall: true)),
        _ => throw new InvalidOperationException("Unexpected Graph result."),
    };

    /// <summary>The post is live whatever happens here: a failed read-back only costs the real permalink.</summary>
    private async Task<PublishOutcome> ReadPermalinkAsync(string postId, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync(UrlSegment.Escape(postId), [new("fields", "permalink_url")], cancellationToken);
        if (result is GraphResult.Answer answer && GraphJson.Url(answer.Body, "permalink_url") is { } permalink)
        {
            return new PublishOutcome.Published(postId, permalink);
        }

        FacebookLog.PermalinkUnread(logger, request.DeliveryId, postId);
        return new PublishOutcome.Published(postId, ConstructedPermalink(postId));
    }

    /// <summary>facebook.com resolves a Page post by its Graph id (<c>{page-id}_{post-id}</c>).</summary>
    private static Uri ConstructedPermalink(string postId) => new($"https://www.facebook.com/{Uri.EscapeDataString(postId)}");

    /// <summary>Either the id of what a step created or the outcome that stops the attempt.</summary>
    private sealed record Created(string? PostId, PublishOutcome? Outcome, Uri? Permalink = null);
}
