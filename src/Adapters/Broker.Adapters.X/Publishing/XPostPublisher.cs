using System.Text;
using System.Text.Json.Nodes;
using Broker.Adapters.X.Errors;

namespace Broker.Adapters.X.Publishing;

/// <summary>The one call that makes a post visible: <c>POST /2/tweets</c>.</summary>
internal static class XPostPublisher
{
    public static async Task<PublishOutcome> PostAsync(XApi api, Uri baseUrl, string text, IReadOnlyList<string> mediaIds, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["text"] = text };
        if (mediaIds.Count > 0)
        {
            body["media"] = new JsonObject { ["media_ids"] = new JsonArray([.. mediaIds.Select(id => (JsonNode)JsonValue.Create(id))]) };
        }

        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var result = await api.SendAsync(HttpMethod.Post, XUrls.Combine(baseUrl, "2/tweets"), content, XCall.Publish, cancellationToken)
            .ConfigureAwait(false);
        if (result.Failure is not null)
        {
            return result.Failure;
        }

        return result.DataString("id") is { Length: > 0 } id
            ? new PublishOutcome.Published(id, XUrls.Permalink(id))
            : new PublishOutcome.Unknown("X accepted the post but its answer had no post id");
    }
}
