using System.Globalization;
using System.Text;
using System.Text.Json;
using Broker.Adapters.Http;
using Polly.Timeout;

namespace Broker.Adapters.Graph;

/// <summary>
/// Calls one Graph host (<c>{BaseUrl}/{GraphVersion}</c>) with a token sent as the <c>access_token</c> parameter.
/// Never throws for what the network or the platform did: every call ends in a <see cref="GraphResult"/>.
/// </summary>
/// <param name="http">A client from <c>AddAdapterHttpClient</c>, so the safe-retry policy applies.</param>
/// <param name="versionedBase">The host with the version segment, e.g. <c>https://graph.facebook.com/v25.0</c>.</param>
/// <param name="accessToken">The token; never logged. Empty for the calls that authenticate otherwise (the OAuth code exchange).</param>
public sealed class GraphApi(HttpClient http, Uri versionedBase, string accessToken)
{
    private readonly string root = versionedBase.AbsoluteUri.TrimEnd('/');

    /// <summary>The versioned base for <paramref name="baseUrl"/>: <c>{baseUrl}/{version}</c>.</summary>
    public static Uri VersionedBase(Uri baseUrl, string version)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new Uri($"{baseUrl.AbsoluteUri.TrimEnd('/')}/{version.Trim('/')}");
    }

    /// <summary>Reads <paramref name="path"/> with the given query parameters.</summary>
    public Task<GraphResult> GetAsync(string path, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var parameters = WithToken(query);
        var request = new HttpRequestMessage(HttpMethod.Get, $"{root}/{path.TrimStart('/')}?{Encode(parameters)}");
        return SendAsync(request, cancellationToken);
    }

    /// <summary>Posts <paramref name="fields"/> form-encoded to <paramref name="path"/>.</summary>
    public Task<GraphResult> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var parameters = WithToken(fields);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{root}/{path.TrimStart('/')}")
        {
            Content = new FormUrlEncodedContent(parameters),
        };
        return SendAsync(request, cancellationToken);
    }

    /// <summary>Deletes the object at <paramref name="path"/>; the token goes in the query, as for reads.</summary>
    public Task<GraphResult> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{root}/{path.TrimStart('/')}?{Encode(WithToken([]))}");
        return SendAsync(request, cancellationToken);
    }

    private IEnumerable<KeyValuePair<string, string>> WithToken(IEnumerable<KeyValuePair<string, string>> parameters) =>
        accessToken.Length == 0 ? parameters : parameters.Append(new("access_token", accessToken));

    private async Task<GraphResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var usage = GraphUsage.FromHeaders(response.Headers);
                if (!response.IsSuccessStatusCode)
                {
                    return new GraphResult.Refusal(GraphError.Parse((int)response.StatusCode, body), usage);
                }

                return ParseAnswer(body, usage);
            }
            catch (TimeoutRejectedException)
            {
                return new GraphResult.NoAnswer(false, "the request timed out");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new GraphResult.NoAnswer(false, "the request timed out");
            }
            catch (HttpRequestException exception)
            {
                var neverLeft = SafeRetryPolicy.NeverLeft(exception);
                return new GraphResult.NoAnswer(neverLeft, neverLeft ? "could not connect" : "the connection failed");
            }
            catch (IOException)
            {
                return new GraphResult.NoAnswer(false, "the connection dropped while reading the answer");
            }
        }
    }

    private static GraphResult ParseAnswer(string body, GraphUsage usage)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return new GraphResult.Answer(document.RootElement.Clone(), usage);
        }
        catch (JsonException)
        {
            return new GraphResult.NoAnswer(false, "the answer was not JSON");
        }
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            query.Append(query.Length == 0 ? string.Empty : "&")
                .Append(Uri.EscapeDataString(name))
                .Append('=')
                .Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    /// <summary>A Unix time in seconds, as Graph's <c>since</c>/<c>until</c> parameters take it.</summary>
    public static string UnixSeconds(DateTimeOffset time) =>
        time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
