using Broker.Adapters.Graph;

namespace Broker.Adapters.Facebook;

/// <summary>Facebook's Graph errors and what they mean for a delivery (platforms.md §1.4 and §4, Facebook column).</summary>
internal static class FacebookErrorClassifier
{
    private const string Reconsent = "The Page token lacks a permission; a person must reconnect the Page and grant it";

    /// <summary>The table, first match wins.</summary>
    public static GraphErrorTable Table { get; } = new(
    [
        GraphErrorRule.Code([190], GraphErrorClass.Reauthorize, "The Page token is expired, revoked or invalid; a person must reconnect the Page"),
        GraphErrorRule.Code([102], GraphErrorClass.Reauthorize, "The session is invalid; a person must reconnect the Page"),
        GraphErrorRule.Code([368], GraphErrorClass.Permanent, "Facebook has temporarily blocked the Page for policy violations — a person must check"),
        GraphErrorRule.Code([4, 17, 32, 341, 613, 80001], GraphErrorClass.Throttled, "Facebook is throttling calls; waiting before trying again"),
        GraphErrorRule.Code([506], GraphErrorClass.Ambiguous, "Facebook calls this a duplicate post, so it may already be published"),
        GraphErrorRule.Code([3, 10], GraphErrorClass.Permanent, Reconsent),
        GraphErrorRule.CodeRange(200, 299, GraphErrorClass.Permanent, Reconsent),
        GraphErrorRule.Code([100], GraphErrorClass.Permanent, "Facebook refused a parameter of the post"),
        new(error => error.Code == 1609005 || error.Subcode == 1609005, GraphErrorClass.Permanent, "Facebook could not read the link; check the article URL"),
        GraphErrorRule.Code([1, 2], GraphErrorClass.Retry, "Facebook had a temporary problem"),
        GraphErrorRule.FlaggedTransient("Facebook reports a temporary problem"),
        GraphErrorRule.ServerFault("Facebook had a server fault"),
        GraphErrorRule.Otherwise(GraphErrorClass.Permanent, "Facebook refused the post"),
    ]);

    /// <summary>
    /// The outcome of a refusal. <paramref name="publishingCall"/> marks the call that makes the post visible
    /// (<c>/feed</c> or a published <c>/photos</c>): a server fault there may still have published, so it is ambiguous.
    /// </summary>
    public static PublishOutcome Classify(GraphResult.Refusal refusal, DateTimeOffset now, TimeSpan defaultWait, bool publishingCall)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (publishingCall && GraphOutcomes.IsAmbiguousForPublishingCall(refusal.Error))
        {
            return new PublishOutcome.Unknown($"Facebook answered a server fault to the post; it may have been published ({refusal.Error.Describe()})");
        }

        return GraphOutcomes.FromRule(Table.Find(refusal.Error), refusal.Error, refusal.Usage, now, defaultWait);
    }

    /// <summary>The outcome of a call that got no answer; only a publishing call that may have arrived is ambiguous.</summary>
    public static PublishOutcome Classify(GraphResult.NoAnswer noAnswer, bool publishingCall) =>
        GraphOutcomes.FromNoAnswer(noAnswer, publishingCall);
}
