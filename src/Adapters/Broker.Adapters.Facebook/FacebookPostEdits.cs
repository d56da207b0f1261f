using System.Text.Json;
using Broker.Adapters.Graph;
using Broker.Adapters.Http;

namespace Broker.Adapters.Facebook;

/// <summary>An edit in place of a Page post's text through the Graph API: <c>POST /{page-post-id}</c> with <c>message</c>.</summary>
internal static class FacebookPostEdits
{
    public static async Task<EditOutcome> EditAsync(GraphApi api, string postId, string text, DateTimeOffset now, TimeSpan defaultWait, CancellationToken cancellationToken)
    {
        // A Page post id is the Page's id and the post's, joined by an underscore: nothing else is sent as a path.
        if (postId is not { Length: > 2 and <= 64 } || !postId.All(c => char.IsAsciiDigit(c) || c == '_') || !postId.Contains('_', StringComparison.Ordinal))
        {
            return new EditOutcome.CannotEdit($"'{postId}' is not a Facebook Page post id (digits, the Page's and the post's, joined by an underscore).");
        }

        var result = await api.PostFormAsync(UrlSegment.Escape(postId), [new("message", text)], cancellationToken).ConfigureAwait(false);
        return result switch
        {
            GraphResult.Answer answer => Succeeded(answer.Body)
                ? new EditOutcome.Edited()
                : new EditOutcome.Transient("Facebook answered the edit without success: true."),
            GraphResult.Refusal refusal when GraphRemovals.IsGone(refusal.Error) =>
                new EditOutcome.Gone($"The post no longer exists ({refusal.Error.Describe()})."),
            GraphResult.Refusal refusal => EditOutcome.FromFailure(
                GraphOutcomes.FromRule(FacebookErrorClassifier.Table.Find(refusal.Error), refusal.Error, refusal.Usage, now, defaultWait)),
            GraphResult.NoAnswer noAnswer => new EditOutcome.Transient($"No answer from Facebook to the edit: {noAnswer.Reason}."),
            _ => new EditOutcome.Transient("Facebook's answer was not understood."),
        };
    }

    private static bool Succeeded(JsonElement body) =>
        body.ValueKind != JsonValueKind.Object
        || !body.TryGetProperty("success", out var success)
        || success.ValueKind != JsonValueKind.False;
}
