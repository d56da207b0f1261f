using System.Globalization;
using System.Text.Json;
using Broker.Adapters.X.Errors;

namespace Broker.Adapters.X.Publishing;

/// <summary>
/// Looks for a post an earlier attempt may have made: reads the account's recent posts
/// (<c>GET /2/users/{id}/tweets</c>, since shortly before the first attempt) and matches the rendered text.
/// </summary>
internal static class XPublishedPostFinder
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public static async Task<(PublishOutcome? Outcome, int Seen)> FindAsync(XApi api, Uri baseUrl, PublishRequest request, CancellationToken cancellationToken)
    {
        var since = (request.FirstAttemptAt - ClockSkew).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var url = XUrls.Combine(
            baseUrl,
            $"2/users/{Uri.EscapeDataString(request.Account.ExternalId)}/tweets?max_results=20&tweet.fields=created_at&start_time={Uri.EscapeDataString(since)}");
        var result = await api.SendAsync(HttpMethod.Get, url, null, XCall.Read, cancellationToken).ConfigureAwait(false);
        if (result.Failure is not null)
        {
            return (result.Failure, 0);
        }

        if (result.Body.ValueKind != JsonValueKind.Object
            || !result.Body.TryGetProperty("data", out var posts)
            || posts.ValueKind != JsonValueKind.Array)
        {
            return (null, 0);
        }

        foreach (var post in posts.EnumerateArray())
        {
            var id = post.TryGetProperty("id", out var i) ? i.GetString() : null;
            var text = post.TryGetProperty("text", out var t) ? t.GetString() : null;
            if (id is not null && text is not null && XPostTextMatcher.Matches(request.Post.Text, text))
            {
                return (new PublishOutcome.Published(id, XUrls.Permalink(id)), posts.GetArrayLength());
            }
        }

        return (null, posts.GetArrayLength());
    }
}
