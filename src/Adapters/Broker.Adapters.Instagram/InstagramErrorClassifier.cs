using Broker.Adapters.Graph;

namespace Broker.Adapters.Instagram;

/// <summary>Instagram's Graph errors and what they mean for a delivery (platforms.md §2.4 and §4, Instagram column).</summary>
internal static class InstagramErrorClassifier
{
    /// <summary>The publishing quota row: it waits for the quota window, not for the usage headers.</summary>
    public static GraphErrorRule QuotaReached { get; } =
        GraphErrorRule.Subcode([2207042], GraphErrorClass.Throttled, "The account reached Instagram's daily publishing limit");

    /// <summary>The table, first match wins: subcodes first, because codes such as 4 carry unrelated subcodes.</summary>
    public static GraphErrorTable Table { get; } = new(
    [
        GraphErrorRule.Subcode([2207001], GraphErrorClass.Retry, "Instagram had a server error"),
        GraphErrorRule.Subcode([2207003], GraphErrorClass.Retry, "Instagram timed out downloading the photo"),
        GraphErrorRule.Subcode([2207032], GraphErrorClass.Retry, "Instagram failed to create the media"),
        GraphErrorRule.Subcode([2207008], GraphErrorClass.Retry, "Instagram had a temporary error publishing the container"),
        GraphErrorRule.Subcode([2207027], GraphErrorClass.Retry, "The container was not ready to publish yet"),
        GraphErrorRule.Subcode([2207020], GraphErrorClass.Recreate, "The container expired; a new one will be created"),
        GraphErrorRule.Subcode([2207053], GraphErrorClass.Recreate, "Instagram had an unknown upload error; a new container will be created"),
        QuotaReached,
        GraphErrorRule.Subcode([2207004], GraphErrorClass.Permanent, "The photo is larger than Instagram's 8 MiB"),
        GraphErrorRule.Subcode([2207005], GraphErrorClass.Permanent, "Instagram does not take this photo format"),
        GraphErrorRule.Subcode([2207009], GraphErrorClass.Permanent, "The photo's aspect ratio is outside 4:5 to 1.91:1"),
        GraphErrorRule.Subcode([2207010], GraphErrorClass.Permanent, "The caption is too long"),
        GraphErrorRule.Subcode([2207023], GraphErrorClass.Permanent, "Instagram does not take this media type"),
        GraphErrorRule.Subcode([2207026], GraphErrorClass.Permanent, "Instagram does not take this video format"),
        GraphErrorRule.Subcode([2207028], GraphErrorClass.Permanent, "Instagram refused the carousel"),
        GraphErrorRule.Subcode([2207051], GraphErrorClass.Permanent, "Instagram restricted the account's activity (suspected spam) — a person must check"),
        GraphErrorRule.Subcode([2207057], GraphErrorClass.Permanent, "The thumbnail offset is out of range"),
        GraphErrorRule.Subcode([2207050], GraphErrorClass.Permanent, "The Instagram account is inactive, checkpointed or restricted — a person must log in to Instagram"),
        GraphErrorRule.Subcode([2207006], GraphErrorClass.Reauthorize, "Instagram refused the permission or the token expired; a person must reconnect the account"),
        new(error => error.Code == 9004 || error.Subcode == 2207052, GraphErrorClass.MediaDownloadFailed, "Instagram could not download the photo; check that its URL is public"),
        GraphErrorRule.Code([190, 102], GraphErrorClass.Reauthorize, "The token is expired, revoked or invalid; a person must reconnect the account"),
        new(IsInvalidatedSession, GraphErrorClass.Reauthorize, "The session was invalidated; a person must reconnect the account"),
        GraphErrorRule.Code([4, 17, 32, 80002], GraphErrorClass.Throttled, "Instagram is throttling calls; waiting before trying again"),
        GraphErrorRule.Code([3, 10], GraphErrorClass.Permanent, "The token lacks a permission; a person must reconnect the account and grant it"),
        GraphErrorRule.CodeRange(200, 299, GraphErrorClass.Permanent, "The token lacks a permission; a person must reconnect the account and grant it"),
        GraphErrorRule.Code([1, 2], GraphErrorClass.Retry, "Instagram had a temporary problem"),
        GraphErrorRule.FlaggedTransient("Instagram reports a temporary problem"),
        GraphErrorRule.ServerFault("Instagram had a server fault"),
        GraphErrorRule.Otherwise(GraphErrorClass.Permanent, "Instagram refused the post"),
    ]);

    /// <summary>
    /// The outcome of an error. <paramref name="publishingCall"/> marks <c>media_publish</c>, where a server fault may
    /// still have published. <paramref name="earlierDownloadFailures"/> counts photo-download failures of earlier
    /// attempts: the first <see cref="InstagramOptions.MediaDownloadRetries"/> are transient (the photo host may have
    /// blinked), after that the URL is taken to be unreachable for Meta and the delivery fails.
    /// </summary>
    public static PublishOutcome Classify(
        GraphError error,
        GraphUsage usage,
        DateTimeOffset now,
        InstagramOptions options,
        bool publishingCall,
        int earlierDownloadFailures)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        if (publishingCall && GraphOutcomes.IsAmbiguousForPublishingCall(error))
        {
            return new PublishOutcome.Unknown($"Instagram answered a server fault to media_publish; it may have been published ({error.Describe()})");
        }

        var rule = Table.Find(error);
        if (rule.Class == GraphErrorClass.MediaDownloadFailed && earlierDownloadFailures >= options.MediaDownloadRetries)
        {
            return new PublishOutcome.Failed($"{rule.Advice}; it failed {earlierDownloadFailures + 1} times ({error.Describe()})");
        }

        var wait = ReferenceEquals(rule, QuotaReached) ? options.QuotaWait : options.RateLimitWait;
        var effectiveUsage = ReferenceEquals(rule, QuotaReached) ? GraphUsage.None : usage;
        return GraphOutcomes.FromRule(rule, error, effectiveUsage, now, wait);
    }

    private static bool IsInvalidatedSession(GraphError error) =>
        error.Message.Contains("session has been invalidated", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("REVOKED_ACCESS_TOKEN", StringComparison.Ordinal);
}
