using System.Text.Json;
using Broker.Adapters.Http;
using Broker.Adapters.X.Errors;

namespace Broker.Adapters.X.Publishing;

/// <summary>
/// <c>DELETE /2/tweets/:id</c> → <c>{"data":{"deleted":true}}</c>. A post that is gone already (404, <c>deleted: false</c>,
/// or a 200 whose <c>errors</c> name a missing resource, as X v2 answers for unknown ids) counts as removed.
/// </summary>
internal static class XPostRemover
{
    public static async Task<RemovalOutcome> DeleteAsync(XApi api, Uri baseUrl, string postId, CancellationToken cancellationToken)
    {
        var url = XUrls.Combine(baseUrl, "2/tweets/" + UrlSegment.Escape(postId));
        var result = await api.SendAsync(HttpMethod.Delete, url, null, XCall.Delete, cancellationToken).ConfigureAwait(false);
        if (result.Failure is not null)
        {
            return result.HttpStatus == 404
                ? new RemovalOutcome.AlreadyGone($"X does not know post {postId} any more (HTTP 404).")
                : RemovalOutcome.FromFailure(result.Failure);
        }

        if (result.Data("deleted") is { ValueKind: JsonValueKind.True })
        {
            return new RemovalOutcome.Removed();
        }

        return result.Data("deleted") is { ValueKind: JsonValueKind.False } || NamesMissingResource(result.Body)
            ? new RemovalOutcome.AlreadyGone($"X reports post {postId} as not deleted now: it is gone already.")
            : new RemovalOutcome.Transient("X answered the delete without data.deleted.");
    }

    private static bool NamesMissingResource(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty("errors", out var errors)
        && errors.ValueKind == JsonValueKind.Array
        && errors.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object
            && e.TryGetProperty("type", out var type) && type.GetString()?.Contains("resource-not-found", StringComparison.Ordinal) == true);
}
