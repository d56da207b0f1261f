using System.Globalization;
using Broker.Adapters.Graph;
using Broker.Adapters.Http;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>
/// Creates, reads and waits for the containers of one attempt. Creating a container is safe to repeat (an
/// unpublished container is invisible and expires), so every failure here is retryable unless the platform says otherwise.
/// </summary>
internal sealed class InstagramContainers(GraphApi api, PublishRequest request, InstagramOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The account id as one path segment: ids go into paths only escaped.</summary>
    private string UserId => UrlSegment.Escape(request.Account.ExternalId);

    /// <summary>Creates the container to publish (a carousel's children first), saving every id the moment it is known.</summary>
    public async Task<Step> CreateAsync(CancellationToken cancellationToken)
    {
        var post = request.Post;
        if (post.Media.Count == 1)
        {
            return await CreateOneAsync(
                InstagramProgress.Container,
                [new("image_url", InstagramPostRules.Offered(post.Media[0]).PublicUrl.AbsoluteUri), new("caption", post.Text)],
                cancellationToken);
        }

        var children = new List<string>(post.Media.Count);
        for (var index = 0; index < post.Media.Count; index++)
        {
            var child = request.Progress.Saved(InstagramProgress.Child(index)) is { } saved
                ? new Step(saved, null)
                : await CreateOneAsync(
                    InstagramProgress.Child(index),
                    [new("image_url", InstagramPostRules.Offered(post.Media[index]).PublicUrl.AbsoluteUri), new("is_carousel_item", "true")],
                    cancellationToken);
            if (child.Outcome is not null)
            {
                return child;
            }

            children.Add(child.Id!);
        }

        foreach (var child in children)
        {
            if (await WaitUntilFinishedAsync(child, known: null, cancellationToken) is { } notReady)
            {
                return new Step(null, notReady);
            }
        }

        return await CreateOneAsync(
            InstagramProgress.Container,
            [new("media_type", "CAROUSEL"), new("children", string.Join(',', children)), new("caption", post.Text)],
            cancellationToken);
    }

    /// <summary>Reads a container's status; a container Instagram no longer knows is forgotten.</summary>
    public async Task<StatusRead> ReadStatusAsync(string containerId, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync(UrlSegment.Escape(containerId), [new("fields", "status_code,status")], cancellationToken);
        switch (result)
        {
            case GraphResult.Answer answer when GraphJson.String(answer.Body, "status_code") is { } code:
                return new StatusRead(new InstagramContainerStatus(code, GraphJson.String(answer.Body, "status")), null);
            case GraphResult.Refusal { Error.Code: 100 }:
                await ForgetAsync(cancellationToken);
                return new StatusRead(null, new PublishOutcome.Transient($"Instagram no longer knows container {containerId}; a new one will be created."));
            case GraphResult.Refusal refusal:
                return new StatusRead(null, await RefusedAsync(refusal, publishingCall: false, cancellationToken));
            case GraphResult.NoAnswer noAnswer:
                return new StatusRead(null, GraphOutcomes.FromNoAnswer(noAnswer, mayHaveCreatedPost: false));
            default:
                return new StatusRead(null, new PublishOutcome.Transient($"Instagram answered container {containerId}'s status without a status_code."));
        }
    }

    /// <summary>
    /// Polls until the container is FINISHED (returns <c>null</c>) or returns the outcome that ends this attempt. Waits
    /// go through the injected <see cref="TimeProvider"/> and double from <see cref="InstagramOptions.FirstPollDelay"/>.
    /// </summary>
    public async Task<PublishOutcome?> WaitUntilFinishedAsync(string containerId, InstagramContainerStatus? known, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var delay = options.FirstPollDelay;
        for (var poll = 1; ; poll++)
        {
            var status = known;
            known = null;
            if (status is null)
            {
                var read = await ReadStatusAsync(containerId, cancellationToken);
                if (read.Status is null)
                {
                    return read.Failure;
                }

                status = read.Status;
            }

            InstagramLog.ContainerStatus(logger, request.DeliveryId, containerId, status.Code, poll);
            if (status.Code != InstagramContainerStatus.InProgress)
            {
                return await SettledAsync(containerId, status, cancellationToken);
            }

            var now = time.GetUtcNow();
            if (poll >= options.MaxStatusPolls || now - started + delay > options.MaxPollTime)
            {
                return new PublishOutcome.Transient($"Instagram is still processing container {containerId}.", now + delay);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = delay * 2 > options.MaxPollDelay ? options.MaxPollDelay : delay * 2;
        }
    }

    /// <summary>The outcome of a refused call, forgetting the containers or counting a failed download where that applies.</summary>
    public async Task<PublishOutcome> RefusedAsync(GraphResult.Refusal refusal, bool publishingCall, CancellationToken cancellationToken)
    {
        var failures = DownloadFailures();
        var outcome = InstagramErrorClassifier.Classify(refusal.Error, refusal.Usage, time.GetUtcNow(), options, publishingCall, failures);
        var errorClass = InstagramErrorClassifier.Table.Find(refusal.Error).Class;
        if (outcome is PublishOutcome.Transient && errorClass is GraphErrorClass.MediaDownloadFailed)
        {
            await request.Progress.SetAsync(InstagramProgress.DownloadFailures, (failures + 1).ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        if (outcome is PublishOutcome.Transient && errorClass is GraphErrorClass.Recreate or GraphErrorClass.MediaDownloadFailed)
        {
            await ForgetAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>Forgets every container of the delivery, so the next attempt creates new ones.</summary>
    public async Task ForgetAsync(CancellationToken cancellationToken)
    {
        await request.Progress.SetAsync(InstagramProgress.Container, string.Empty, cancellationToken);
        for (var index = 0; index < request.Post.Media.Count; index++)
        {
            if (request.Progress.Saved(InstagramProgress.Child(index)) is not null)
            {
                await request.Progress.SetAsync(InstagramProgress.Child(index), string.Empty, cancellationToken);
            }
        }
    }

    private async Task<PublishOutcome?> SettledAsync(string containerId, InstagramContainerStatus status, CancellationToken cancellationToken)
    {
        switch (status.Code)
        {
            case InstagramContainerStatus.Finished:
                return null;
            case InstagramContainerStatus.Expired:
                await ForgetAsync(cancellationToken);
                return new PublishOutcome.Transient($"Container {containerId} expired; a new one will be created.");
            case InstagramContainerStatus.Error:
                // A container in ERROR can never be published: any retry needs a new one.
                var error = new GraphError(200, 0, status.Subcode, status.Detail ?? "container ERROR");
                var outcome = await RefusedAsync(new GraphResult.Refusal(error, GraphUsage.None), publishingCall: false, cancellationToken);
                await ForgetAsync(cancellationToken);
                return outcome;
            default:
                return new PublishOutcome.Unknown($"Container {containerId} is {status.Code}, not ready to publish; reconcile before trying again.");
        }
    }

    private int DownloadFailures() =>
        int.TryParse(request.Progress.Saved(InstagramProgress.DownloadFailures), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;

    private async Task<Step> CreateOneAsync(string key, List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var result = await api.PostFormAsync($"{UserId}/media", fields, cancellationToken);
        switch (result)
        {
            case GraphResult.Answer answer when GraphJson.String(answer.Body, "id") is { } id:
                await request.Progress.SetAsync(key, id, cancellationToken);
                InstagramLog.ContainerCreated(logger, request.DeliveryId, key, id);
                return new Step(id, null);
            case GraphResult.Refusal refusal:
                return new Step(null, await RefusedAsync(refusal, publishingCall: false, cancellationToken));
            case GraphResult.NoAnswer noAnswer:
                return new Step(null, GraphOutcomes.FromNoAnswer(noAnswer, mayHaveCreatedPost: false));
            default:
                return new Step(null, new PublishOutcome.Transient("Instagram answered the container creation without an id."));
        }
    }
}
