namespace Broker.Adapters.WordPress;

/// <summary>What a failed REST answer means for a delivery, by WordPress's status and error code.</summary>
internal static class WordPressOutcomes
{
    /// <summary>
    /// The outcome of a failed call. <paramref name="mayHaveCreated"/>: the call creates the post, so an answer that
    /// does not prove nothing was made (no answer, a timeout, a server fault) is unknown, never retryable.
    /// </summary>
    public static PublishOutcome Of(WordPressAnswer answer, bool mayHaveCreated, DateTimeOffset now, TimeSpan rateLimitWait, string user)
    {
        var what = answer.Describe();
        return answer.Status switch
        {
            null when answer.Sent && mayHaveCreated => new PublishOutcome.Unknown($"WordPress gave {what}; the post may exist."),
            null => new PublishOutcome.Transient($"WordPress gave {what}."),
            401 => new PublishOutcome.NeedsReauthorization(
                $"WordPress refused the Application Password of user {user} ({what}): it was revoked or changed. Create a new one in WordPress and replace the account's credentials."),
            403 => new PublishOutcome.NeedsReauthorization(
                $"WordPress does not let user {user} do this ({what}). Give the user a role that may publish (Author or Editor), or connect another user."),
            429 => new PublishOutcome.RateLimited($"WordPress is limiting requests ({what}).", now + (answer.RetryAfter ?? rateLimitWait)),
            408 or >= 500 when mayHaveCreated => new PublishOutcome.Unknown($"WordPress gave {what}; the post may exist."),
            408 or >= 500 => new PublishOutcome.Transient($"WordPress gave {what}.", answer.RetryAfter is { } wait ? now + wait : null),
            404 when answer.Code is "rest_no_route" or null => new PublishOutcome.Failed(
                $"The site has no WordPress REST API at /wp-json/wp/v2 ({what}); check the account's site address and that the REST API is enabled."),
            _ => new PublishOutcome.Failed($"WordPress refused the post ({what})."),
        };
    }

    /// <summary>The outcome of a failed <c>DELETE /posts/{id}</c>.</summary>
    public static RemovalOutcome OfRemoval(WordPressAnswer answer, DateTimeOffset now, TimeSpan rateLimitWait, string user, Uri manualUrl) =>
        answer.Status switch
        {
            404 when answer.Code is "rest_post_invalid_id" => new RemovalOutcome.AlreadyGone($"WordPress has no such post any more ({answer.Describe()})."),
            410 => new RemovalOutcome.AlreadyGone($"The post is in WordPress's trash already ({answer.Describe()})."),
            403 => new RemovalOutcome.CannotRemove($"WordPress does not let user {user} delete this post ({answer.Describe()}); remove it in WordPress.", manualUrl),
            _ => RemovalOutcome.FromFailure(Of(answer, mayHaveCreated: false, now, rateLimitWait, user)),
        };
}
