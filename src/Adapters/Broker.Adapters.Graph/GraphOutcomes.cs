namespace Broker.Adapters.Graph;

/// <summary>Turns classified Graph failures into publish outcomes, the same way for every Meta platform.</summary>
public static class GraphOutcomes
{
    /// <summary>
    /// The outcome for <paramref name="error"/> classified by <paramref name="rule"/>. Throttling waits for the usage
    /// headers' <c>estimated_time_to_regain_access</c> when they give one, else for <paramref name="defaultWait"/>.
    /// </summary>
    public static PublishOutcome FromRule(GraphErrorRule rule, GraphError error, GraphUsage usage, DateTimeOffset now, TimeSpan defaultWait)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(usage);
        var reason = $"{rule.Advice} ({error.Describe()})";
        return rule.Class switch
        {
            GraphErrorClass.Retry or GraphErrorClass.Recreate or GraphErrorClass.MediaDownloadFailed => new PublishOutcome.Transient(reason),
            GraphErrorClass.Throttled => new PublishOutcome.RateLimited(reason, now + (usage.RegainAccessAfter ?? defaultWait)),
            GraphErrorClass.Reauthorize => new PublishOutcome.NeedsReauthorization(reason),
            GraphErrorClass.Ambiguous => new PublishOutcome.Unknown(reason),
            _ => new PublishOutcome.Failed(reason),
        };
    }

    /// <summary>
    /// The outcome when a call got no answer: retryable when the request never left or could not have created a
    /// post, <see cref="PublishOutcome.Unknown"/> when it may have.
    /// </summary>
    public static PublishOutcome FromNoAnswer(GraphResult.NoAnswer noAnswer, bool mayHaveCreatedPost)
    {
        ArgumentNullException.ThrowIfNull(noAnswer);
        return noAnswer.NeverLeft || !mayHaveCreatedPost
            ? new PublishOutcome.Transient($"No answer from the platform: {noAnswer.Reason}; nothing was posted.")
            : new PublishOutcome.Unknown($"No answer from the platform after the post was sent ({noAnswer.Reason}); it may have been published.");
    }

    /// <summary>
    /// Whether a refusal of a call that publishes is really ambiguous: the platform has been seen to answer a 5xx and
    /// still publish, so a server fault on the publishing call must be reconciled, not retried.
    /// </summary>
    public static bool IsAmbiguousForPublishingCall(GraphError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.HttpStatus >= 500;
    }

    /// <summary>The reason an outcome carries, for logs; empty for a published post.</summary>
    public static string ReasonOf(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Transient transient => transient.Reason,
        PublishOutcome.RateLimited limited => limited.Reason,
        PublishOutcome.NeedsReauthorization reauthorization => reauthorization.Reason,
        PublishOutcome.Failed failed => failed.Reason,
        PublishOutcome.Unknown unknown => unknown.Reason,
        _ => string.Empty,
    };
}
