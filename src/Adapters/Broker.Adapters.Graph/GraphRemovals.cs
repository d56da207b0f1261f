using System.Text.Json;
using Broker.Adapters.Http;

namespace Broker.Adapters.Graph;

/// <summary>Deletes a post or media object through the Graph API (<c>DELETE /{object-id}</c>), the same way for every Meta platform.</summary>
public static class GraphRemovals
{
    /// <summary>
    /// Deletes <paramref name="postId"/>. A post that no longer exists (HTTP 404, or code 100 "does not exist") is
    /// <see cref="RemovalOutcome.AlreadyGone"/>, unless <paramref name="cannotDelete"/> says the refusal means the
    /// platform cannot delete it; every other refusal is classified by <paramref name="table"/>.
    /// </summary>
    public static async Task<RemovalOutcome> DeleteAsync(
        GraphApi api,
        string postId,
        GraphErrorTable table,
        Func<GraphError, bool> cannotDelete,
        DateTimeOffset now,
        TimeSpan defaultWait,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cannotDelete);
        if (!IsPostId(postId))
        {
            return new RemovalOutcome.CannotRemove($"'{postId}' is not a post id this platform gives (digits, with an underscore for a Page post).");
        }

        var result = await api.DeleteAsync(UrlSegment.Escape(postId), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            GraphResult.Answer answer => Succeeded(answer.Body)
                ? new RemovalOutcome.Removed()
                : new RemovalOutcome.Transient("The platform answered the delete without success: true."),
            GraphResult.Refusal refusal when cannotDelete(refusal.Error) =>
                new RemovalOutcome.CannotRemove($"The platform's API cannot delete this post ({refusal.Error.Describe()})."),
            GraphResult.Refusal refusal when IsGone(refusal.Error) =>
                new RemovalOutcome.AlreadyGone($"The post no longer exists ({refusal.Error.Describe()})."),
            GraphResult.Refusal refusal => RemovalOutcome.FromFailure(
                GraphOutcomes.FromRule(table.Find(refusal.Error), refusal.Error, refusal.Usage, now, defaultWait)),
            GraphResult.NoAnswer noAnswer => new RemovalOutcome.Transient($"No answer from the platform to the delete: {noAnswer.Reason}."),
            _ => new RemovalOutcome.Transient("The platform's answer was not understood."),
        };
    }

    /// <summary>Whether the error says the object does not exist: HTTP 404, or code 100 (subcode 33, "does not exist").</summary>
    public static bool IsGone(GraphError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.HttpStatus == 404
            || (error.Code == 100 && (error.Subcode == 33 || error.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)));
    }

    private static bool Succeeded(JsonElement body) =>
        body.ValueKind != JsonValueKind.Object
        || !body.TryGetProperty("success", out var success)
        || success.ValueKind != JsonValueKind.False;

    private static bool IsPostId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiDigit(c) || c == '_');
}
