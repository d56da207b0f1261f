using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.Timeout;

namespace Broker.Adapters.WordPress;

/// <summary>The REST API v2 of one site (<c>{site}/wp-json/wp/v2/</c>), called as one user with an Application Password (HTTP Basic).</summary>
internal sealed class WordPressApi(HttpClient http, Uri site, string user, string password)
{
    private const int MaxAnswerChars = 1_000_000;

    public Uri Endpoint(string pathAndQuery) => new(site.AbsoluteUri.TrimEnd('/') + "/wp-json/wp/v2/" + pathAndQuery);

    public Task<WordPressAnswer> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Endpoint(pathAndQuery)), cancellationToken);

    public Task<WordPressAnswer> DeleteAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Endpoint(pathAndQuery)), cancellationToken);

    public Task<WordPressAnswer> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Endpoint(path)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") }, cancellationToken);

    /// <summary><c>POST /media</c> with the file's bytes as the body, its type, and its name in <c>Content-Disposition</c>.</summary>
    public Task<WordPressAnswer> UploadAsync(byte[] bytes, string contentType, string fileName, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"" + fileName + "\"" };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, Endpoint("media")) { Content = content }, cancellationToken);
    }

    private async Task<WordPressAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var retryAfter = response.Headers.RetryAfter?.Delta;
                return new WordPressAnswer((int)response.StatusCode, Parse(text), retryAfter, null, true);
            }
            catch (HttpRequestException ex) when (Broker.Adapters.Http.SafeRetryPolicy.NeverLeft(ex))
            {
                return new WordPressAnswer(null, null, null, ex.HttpRequestError.ToString(), false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return new WordPressAnswer(null, null, null, ex is TimeoutRejectedException ? "timed out" : ex.GetType().Name, true);
            }
        }
    }

    private static JsonNode? Parse(string text)
    {
        if (text.Length is 0 or > MaxAnswerChars)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
