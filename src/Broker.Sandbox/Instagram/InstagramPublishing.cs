using System.Globalization;
using System.Text.Json.Nodes;
using Broker.Sandbox.Faults;
using Broker.Sandbox.Graph;
using Broker.Sandbox.Media;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Instagram;

/// <summary>Instagram content publishing: containers, their state machine, media_publish and the quota.</summary>
internal sealed class InstagramPublishing(SandboxState state, MediaFetcher fetcher, SandboxOptions options)
{
    private const double MinAspect = 4.0 / 5.0;
    private const double MaxAspect = 1.91;

    public async Task<SandboxAnswer> CreateContainerAsync(CallContext call)
    {
        var userId = call.ObjectId!;
        if (state.ContainersCreatedSince(userId, state.Now - options.InstagramQuotaWindow) >= options.InstagramContainersPerWindow)
        {
            return InstagramErrors.ContainerLimitReached();
        }

        var mediaType = (call.Parameter("media_type") ?? "IMAGE").ToUpperInvariant();
        return mediaType switch
        {
            "CAROUSEL" => CreateCarousel(call, userId),
            "IMAGE" => await CreateImageAsync(call, userId),
            _ => GraphErrors.Error(100, $"(#100) media_type {mediaType} is not supported by the sandbox", subcode: 2207023),
        };
    }

    private async Task<SandboxAnswer> CreateImageAsync(CallContext call, string userId)
    {
        var url = call.Parameter("image_url");
        if (string.IsNullOrWhiteSpace(url))
        {
            return GraphErrors.InvalidParameter("(#100) The parameter image_url is required.");
        }

        var fetched = await fetcher.FetchAsync(url, options.InstagramMaxImageBytes, call.Aborted);
        var refusal = ValidateImage(fetched);
        if (refusal is not null)
        {
            return refusal;
        }

        var container = NewContainer(call, userId, "IMAGE", url, []);
        return SandboxAnswer.Json(new JsonObject { ["id"] = container.Id });
    }

    private static SandboxAnswer? ValidateImage(FetchedMedia fetched)
    {
        if (fetched.TooLarge)
        {
            return InstagramErrors.ImageTooLarge();
        }

        if (fetched.TimedOut)
        {
            return InstagramErrors.DownloadTimedOut();
        }

        if (!fetched.Ok)
        {
            return InstagramErrors.DownloadFailed(fetched.Error ?? string.Empty);
        }

        var bytes = fetched.Bytes!;
        if (!ImageInspector.IsImage(bytes))
        {
            return InstagramErrors.DownloadFailed("Only photo or video can be accepted as media type.");
        }

        if (!ImageInspector.IsJpeg(bytes) || ImageInspector.JpegSize(bytes) is not { } size || size.Width == 0 || size.Height == 0)
        {
            return InstagramErrors.UnsupportedFormat();
        }

        var ratio = (double)size.Width / size.Height;
        return ratio < MinAspect - 0.001 || ratio > MaxAspect + 0.001 ? InstagramErrors.AspectRatio(ratio) : null;
    }

    private SandboxAnswer CreateCarousel(CallContext call, string userId)
    {
        var children = (call.Parameter("children") ?? string.Empty)
            .Trim('[', ']')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Trim('"'))
            .ToList();
        if (children.Count is < 2 or > 10)
        {
            return GraphErrors.Error(100, "(#100) A carousel needs between 2 and 10 children.", subcode: 2207028);
        }

        foreach (var childId in children)
        {
            var child = state.FindContainer(childId);
            if (child is null || child.UserId != userId || !child.IsCarouselItem)
            {
                return GraphErrors.Error(100, $"(#100) Child {childId} is not a carousel item container of this user.", subcode: 2207028);
            }

            var status = Status(child, countPoll: false);
            if (status is InstagramContainerStatus.Error or InstagramContainerStatus.Expired or InstagramContainerStatus.Published)
            {
                return GraphErrors.Error(100, $"(#100) Child {childId} is {status}.", subcode: 2207028);
            }
        }

        var container = NewContainer(call, userId, "CAROUSEL", null, children);
        return SandboxAnswer.Json(new JsonObject { ["id"] = container.Id });
    }

    private InstagramContainer NewContainer(CallContext call, string userId, string mediaType, string? url, IReadOnlyList<string> children)
    {
        var container = new InstagramContainer(state.NewInstagramId(), userId, mediaType, state.Now)
        {
            ImageUrl = url,
            Caption = call.Parameter("caption"),
            IsCarouselItem = GraphFormat.IsTrue(call.Parameter("is_carousel_item"), whenMissing: false),
            Children = children,
            PollsBeforeFinished = options.InstagramInProgressPolls,
        };
        if (call.Fault is { } fault && fault.Is(FaultKinds.ContainerInProgress))
        {
            container.PollsBeforeFinished = Math.Max(container.PollsBeforeFinished, fault.Polls);
        }
        else if (call.Fault is { } error && error.Is(FaultKinds.ContainerError))
        {
            var status = error.Status ?? "2207001";
            container.ErrorStatus = status.All(char.IsDigit) ? $"Error: Media upload has failed with error code {status}" : status;
        }

        state.AddContainer(container);
        return container;
    }

    public SandboxAnswer ReadContainer(CallContext call, InstagramContainer container)
    {
        var status = Status(container, countPoll: true);
        var all = new JsonObject
        {
            ["id"] = container.Id,
            ["status_code"] = status,
            ["status"] = StatusText(container, status),
        };
        return SandboxAnswer.Json(GraphFormat.Select(all, GraphFormat.Fields(call.Parameter("fields"), "id")));
    }

    public SandboxAnswer Publish(CallContext call)
    {
        var userId = call.ObjectId!;
        var creationId = call.Parameter("creation_id");
        var container = creationId is null ? null : state.FindContainer(creationId);
        if (container is null || container.UserId != userId)
        {
            return GraphErrors.InvalidParameter($"(#100) The parameter creation_id is invalid: '{creationId}'");
        }

        return state.WithLock(() => PublishLocked(container));
    }

    private SandboxAnswer PublishLocked(InstagramContainer container)
    {
        switch (Status(container, countPoll: false))
        {
            case InstagramContainerStatus.Published:
                return InstagramErrors.AlreadyPublished();
            case InstagramContainerStatus.Expired:
                return InstagramErrors.Expired();
            case InstagramContainerStatus.Error:
                return InstagramErrors.ContainerFailed();
            case InstagramContainerStatus.InProgress:
                return InstagramErrors.NotReady();
        }

        if (container.IsCarouselItem)
        {
            return GraphErrors.InvalidParameter("(#100) A carousel item cannot be published on its own.");
        }

        if (state.PublishedSince(container.UserId, state.Now - options.InstagramQuotaWindow) >= options.InstagramPublishQuota)
        {
            return InstagramErrors.QuotaReached();
        }

        var mediaId = state.NewInstagramId();
        var items = container.MediaType == "CAROUSEL" ? container.Children.Select(state.FindContainer).OfType<InstagramContainer>().ToList() : [container];
        state.AddPost(new SandboxPost(
            "instagram",
            container.UserId,
            mediaId,
            container.MediaType == "CAROUSEL" ? "CAROUSEL_ALBUM" : "IMAGE",
            container.Caption,
            null,
            [.. items.Select(i => i.ImageUrl ?? string.Empty)],
            [.. items.Select(i => i.Id)],
            state.Now,
            $"https://www.instagram.com/p/{Shortcode(mediaId)}/"));
        container.PublishedMediaId = mediaId;
        foreach (var child in items.Where(i => i != container))
        {
            child.PublishedMediaId = mediaId;
        }

        return SandboxAnswer.Json(new JsonObject { ["id"] = mediaId });
    }

    public static SandboxAnswer ReadMedia(CallContext call, SandboxPost media, DateTimeOffset now) =>
        SandboxAnswer.Json(GraphFormat.Select(ToJson(media, now), GraphFormat.Fields(call.Parameter("fields"), "id")));

    public Task<SandboxAnswer> ListMediaAsync(CallContext call)
    {
        var fields = GraphFormat.Fields(call.Parameter("fields"), "id");
        var media = state.Posts("instagram", call.ObjectId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(GraphPaging.Page(call, media, 25, p => GraphFormat.Select(ToJson(p, state.Now), fields)));
    }

    public Task<SandboxAnswer> PublishingLimitAsync(CallContext call)
    {
        var usage = state.PublishedSince(call.ObjectId!, state.Now - options.InstagramQuotaWindow);
        var all = new JsonObject
        {
            ["quota_usage"] = usage,
            ["config"] = new JsonObject
            {
                ["quota_total"] = options.InstagramPublishQuota,
                ["quota_duration"] = (long)options.InstagramQuotaWindow.TotalSeconds,
            },
        };
        var selected = new JsonObject();
        foreach (var field in GraphFormat.Fields(call.Parameter("fields"), "quota_usage"))
        {
            if (all.TryGetPropertyValue(field, out var value))
            {
                selected[field] = value?.DeepClone();
            }
        }

        return Task.FromResult(SandboxAnswer.Json(new JsonObject { ["data"] = new JsonArray(selected) }));
    }

    /// <summary>The container's state; a counted poll moves IN_PROGRESS towards FINISHED.</summary>
    private string Status(InstagramContainer container, bool countPoll) => state.WithLock(() =>
    {
        if (container.PublishedMediaId is not null)
        {
            return InstagramContainerStatus.Published;
        }

        if (state.Now - container.CreatedAt >= options.InstagramContainerLifetime)
        {
            return InstagramContainerStatus.Expired;
        }

        if (container.PollsBeforeFinished > 0)
        {
            if (countPoll)
            {
                container.PollsBeforeFinished--;
            }

            return InstagramContainerStatus.InProgress;
        }

        if (state.Now - container.CreatedAt < options.InstagramContainerReadyAfter)
        {
            return InstagramContainerStatus.InProgress;
        }

        return container.ErrorStatus is null ? InstagramContainerStatus.Finished : InstagramContainerStatus.Error;
    });

    private static string StatusText(InstagramContainer container, string status) => status switch
    {
        InstagramContainerStatus.Error => container.ErrorStatus!,
        InstagramContainerStatus.Finished => "Finished: Media has been uploaded and it is ready to be published.",
        InstagramContainerStatus.Published => "Published: Media has been successfully published.",
        InstagramContainerStatus.Expired => "Expired: Media was not published within 24 hours.",
        _ => "In Progress: Media is still being processed.",
    };

    private static JsonObject ToJson(SandboxPost media, DateTimeOffset now)
    {
        var json = Fields(media);
        Engagement.SandboxEngagement.AddInstagramCounts(json, media, now);
        return json;
    }

    private static JsonObject Fields(SandboxPost media) => new()
    {
        ["id"] = media.Id,
        ["caption"] = media.Text,
        ["media_type"] = media.Kind,
        ["media_url"] = media.MediaUrls.FirstOrDefault(),
        ["permalink"] = media.Permalink,
        ["shortcode"] = Shortcode(media.Id),
        ["timestamp"] = GraphFormat.Time(media.CreatedAt),
        ["owner"] = new JsonObject { ["id"] = media.AccountId },
    };

    private static string Shortcode(string mediaId)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var value = long.Parse(mediaId, CultureInfo.InvariantCulture);
        var chars = new Stack<char>();
        do
        {
            chars.Push(alphabet[(int)(value % 64)]);
            value /= 64;
        }
        while (value > 0);
        return new string([.. chars]);
    }
}
