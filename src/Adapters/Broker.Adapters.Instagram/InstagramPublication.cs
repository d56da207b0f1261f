using System.Globalization;
using System.Text.Json;
using Broker.Adapters.Graph;
using Broker.Adapters.Http;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>
/// One publish attempt of one delivery to one Instagram account: lives for the call only. It resumes from the
/// container an earlier attempt saved instead of creating a new one, and only <c>media_publish</c> can create a post.
/// </summary>
internal sealed class InstagramPublication(GraphApi api, PublishRequest request, InstagramOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>More pages (of 50) than this since one attempt is no feed a government account has: stop and say so.</summary>
    private const int MaxReconcilePages = 20;

    private readonly InstagramContainers containers = new(api, request, options, time, logger);

    /// <summary>The account id as one path segment: ids go into paths only escaped.</summary>
    private string UserId => UrlSegment.Escape(request.Account.ExternalId);

    public async Task<PublishOutcome> PublishAsync(CancellationToken cancellationToken)
    {
        var containerId = request.Progress.Saved(InstagramProgress.Container);
        InstagramContainerStatus? known = null;
        if (containerId is not null)
        {
            var read = await containers.ReadStatusAsync(containerId, cancellationToken);
            switch (read.Status?.Code)
            {
                case InstagramContainerStatus.Published:
                    return await FindPublishedAsync(cancellationToken)
                        ?? new PublishOutcome.Unknown($"Container {containerId} is published but its post is not listed yet; reconcile again later.");
                case InstagramContainerStatus.Expired:
                    await containers.ForgetAsync(cancellationToken);
                    containerId = null;
                    break;
                case null when request.Progress.Saved(InstagramProgress.Container) is null:
                    containerId = null; // Instagram no longer knows it: create a new one now.
                    break;
                case null:
                    return read.Failure!;
                default:
                    known = read.Status;
                    break;
            }
        }

        if (await QuotaReachedAsync(cancellationToken) is { } limited)
        {
            return limited;
        }

        if (containerId is null)
        {
            var created = await containers.CreateAsync(cancellationToken);
            if (created.Outcome is not null)
            {
                return created.Outcome;
            }

            containerId = created.Id!;
        }

        return await containers.WaitUntilFinishedAsync(containerId, known, cancellationToken)
            ?? await PublishContainerAsync(containerId, cancellationToken);
    }

    /// <summary>
    /// Finds the post an earlier attempt made: by the media id it saved, else by the exact caption among the account's
    /// recent media. A saved container that is not PUBLISHED proves nothing was posted from it.
    /// </summary>
    public async Task<PublishOutcome?> FindPublishedAsync(CancellationToken cancellationToken)
    {
        if (request.Progress.Saved(InstagramProgress.Media) is { } mediaId)
        {
            return await ReadPermalinkAsync(mediaId, cancellationToken);
        }

        // Newest first, page after page until the media are older than the first attempt: on a busy account a post
        // missed here would be made twice.
        string? after = null;
        for (var page = 0; page < MaxReconcilePages; page++)
        {
            List<KeyValuePair<string, string>> query = [new("fields", "id,caption,timestamp,permalink"), new("limit", "50")];
            if (after is not null)
            {
                query.Add(new("after", after));
            }

            var result = await api.GetAsync(UserId + "/media", query, cancellationToken);
            switch (result)
            {
                case GraphResult.Answer answer when Match(answer) is { } found:
                    return found;
                case GraphResult.Answer answer:
                    after = ReachesBackToFirstAttempt(answer) ? null : GraphJson.NextCursor(answer.Body);
                    if (after is null)
                    {
                        return await ContainerPublishedAsync(cancellationToken)
                            ? new PublishOutcome.Unknown("The container is published but its post is not listed yet; reconcile again later.")
                            : null;
                    }

                    break;
                case GraphResult.Refusal refusal:
                    return InstagramErrorClassifier.Classify(refusal.Error, refusal.Usage, time.GetUtcNow(), options, publishingCall: false, earlierDownloadFailures: 0);
                default:
                    return GraphOutcomes.FromNoAnswer((GraphResult.NoAnswer)result, mayHaveCreatedPost: false);
            }
        }

        return new PublishOutcome.Transient($"The account has more than {MaxReconcilePages} pages of media since the first attempt; not all could be checked.");
    }

    private bool ReachesBackToFirstAttempt(GraphResult.Answer answer)
    {
        var since = request.FirstAttemptAt - options.ReconcileLookBack;
        return GraphJson.Data(answer.Body).Any(media => Timestamp(media) is { } at && at < since);
    }

    private PublishOutcome.Published? Match(GraphResult.Answer answer)
    {
        var since = request.FirstAttemptAt - options.ReconcileLookBack;
        foreach (var media in GraphJson.Data(answer.Body))
        {
            if (GraphText.SameText(GraphJson.String(media, "caption"), request.Post.Text)
                && GraphJson.String(media, "id") is { } id
                && (Timestamp(media) is not { } at || at >= since))
            {
                return new PublishOutcome.Published(id, GraphJson.Url(media, "permalink"));
            }
        }

        return null;
    }

    private static DateTimeOffset? Timestamp(JsonElement media)
    {
        if (GraphJson.String(media, "timestamp") is not { } text)
        {
            return null;
        }

        // Graph writes offsets without a colon (2026-11-23T12:00:00+0000), which the parser does not take.
        if (text.Length > 5 && text[^5] is '+' or '-')
        {
            text = text.Insert(text.Length - 2, ":");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private async Task<bool> ContainerPublishedAsync(CancellationToken cancellationToken)
    {
        if (request.Progress.Saved(InstagramProgress.Container) is not { } containerId)
        {
            return false;
        }

        var read = await containers.ReadStatusAsync(containerId, cancellationToken);
        return read.Status?.Code == InstagramContainerStatus.Published;
    }

    /// <summary>
    /// Reads the publishing quota. Only a full quota, a throttle or a dead token stop the attempt: when the quota cannot
    /// be read, media_publish itself will answer 2207042 if the limit is reached.
    /// </summary>
    private async Task<PublishOutcome?> QuotaReachedAsync(CancellationToken cancellationToken)
    {
        var result = await api.GetAsync($"{UserId}/content_publishing_limit", [new("fields", "quota_usage,config")], cancellationToken);
        if (result is GraphResult.Answer answer && GraphJson.Data(answer.Body).FirstOrDefault() is { ValueKind: JsonValueKind.Object } limit)
        {
            var usage = GraphJson.Long(limit, "quota_usage");
            var total = limit.TryGetProperty("config", out var config) ? GraphJson.Long(config, "quota_total") : null;
            return usage is { } used && total is { } allowed && used >= allowed
                ? new PublishOutcome.RateLimited($"The account used {used} of its {allowed} Instagram posts in the last 24 hours.", time.GetUtcNow() + options.QuotaWait)
                : null;
        }

        if (result is GraphResult.Refusal refusal)
        {
            var outcome = InstagramErrorClassifier.Classify(refusal.Error, refusal.Usage, time.GetUtcNow(), options, publishingCall: false, earlierDownloadFailures: 0);
            if (outcome is PublishOutcome.NeedsReauthorization or PublishOutcome.RateLimited)
            {
                return outcome;
            }
        }

        InstagramLog.QuotaUnread(logger, request.DeliveryId);
        return null;
    }

    /// <summary>The one call that makes the post: after a timeout or a dropped connection its outcome is unknown.</summary>
    private async Task<PublishOutcome> PublishContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var result = await api.PostFormAsync($"{UserId}/media_publish", [new("creation_id", containerId)], cancellationToken);
        switch (result)
        {
            case GraphResult.Answer answer when GraphJson.String(answer.Body, "id") is { } mediaId:
                await request.Progress.SetAsync(InstagramProgress.Media, mediaId, cancellationToken);
                return await ReadPermalinkAsync(mediaId, cancellationToken);
            case GraphResult.Answer:
                return new PublishOutcome.Unknown("Instagram accepted media_publish but answered without the media id.");
            case GraphResult.Refusal refusal:
                return await containers.RefusedAsync(refusal, publishingCall: true, cancellationToken);
            default:
                return GraphOutcomes.FromNoAnswer((GraphResult.NoAnswer)result, mayHaveCreatedPost: true);
        }
    }

    /// <summary>The post is live whatever happens here: a failed read-back only costs the permalink.</summary>
    private async Task<PublishOutcome> ReadPermalinkAsync(string mediaId, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync(UrlSegment.Escape(mediaId), [new("fields", "permalink")], cancellationToken);
        var permalink = result is GraphResult.Answer answer ? GraphJson.Url(answer.Body, "permalink") : null;
        return new PublishOutcome.Published(mediaId, permalink);
    }
}
