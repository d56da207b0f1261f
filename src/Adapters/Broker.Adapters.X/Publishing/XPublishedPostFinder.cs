using System.Globalization;
using System.Text.Json;
using Broker.Adapters.Http;
using Broker.Adapters.X.Errors;

namespace Broker.Adapters.X.Publishing;

/// <summary>
/// Looks for a post an earlier attempt may have made: reads the account's posts since shortly before the first attempt
/// (<c>GET /2/users/{id}/tweets</c> with <c>start_time</c>, following <c>next_token</c>) and matches the rendered text.
/// Every page is read: a busy account can have made many posts since, and a post missed here would be made twice.
/// </summary>
internal static class XPublishedPostFinder
{
    private const int PageSize = 100;

    /// <summary>More pages than this since one attempt is no timeline a government account has: stop and say so.</summary>
    private const int MaxPages = 20;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public static async Task<(PublishOutcome? Outcome, int Seen)> FindAsync(XApi api, Uri baseUrl, PublishRequest request, CancellationToken cancellationToken)
    {
        var since = (request.FirstAttemptAt - ClockSkew).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var path = $"2/users/{UrlSegment.Escape(request.Account.ExternalId)}/tweets?max_results={PageSize}&tweet.fields=created_at&start_time={Uri.EscapeDataString(since)}";
        var seen = 0;
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = XUrls.Combine(baseUrl, next is null ? path : $"{path}&pagination_token={Uri.EscapeDataString(next)}");
            var result = await api.SendAsync(HttpMethod.Get, url, null, XCall.Read, cancellationToken).ConfigureAwait(false);
            if (result.Failure is not null)
            {
                return (result.Failure, seen);
            }

            foreach (var (id, text) in Posts(result.Body))
            {
                seen++;
                if (XPostTextMatcher.Matches(request.Post.Text, text))
                {
                    return (new PublishOutcome.Published(id, XUrls.Permalink(id)), seen);
                }
            }

            next = NextToken(result.Body);
            if (next is null)
            {
                return (null, seen);
            }
        }

        return (new PublishOutcome.Transient($"The account has more than {seen} posts since the first attempt; not all could be checked"), seen);
    }

    private static IEnumerable<(string Id, string Text)> Posts(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("data", out var posts) || posts.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var post in posts.EnumerateArray())
        {
            var id = post.TryGetProperty("id", out var i) ? i.GetString() : null;
            var text = post.TryGetProperty("text", out var t) ? t.GetString() : null;
            if (id is not null && text is not null)
            {
                yield return (id, text);
            }
        }
    }

    private static string? NextToken(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty("meta", out var meta)
        && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty("next_token", out var token)
        && token.ValueKind == JsonValueKind.String
            ? token.GetString()
            : null;
}
