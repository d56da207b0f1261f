using System.Text.Json;
using Broker.Adapters.X.Auth;
using Broker.Adapters.X.Errors;

namespace Broker.Adapters.X.Publishing;

/// <summary>Sends one authorised X request and turns every answer and failure into a result (never throws for X's doing).</summary>
internal sealed class XApi(HttpClient http, XAuthorization authorization, TimeProvider timeProvider, XAdapterOptions options)
{
    public async Task<XApiResult> SendAsync(HttpMethod method, Uri url, HttpContent? content, XCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        authorization.Apply(request);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var refusal = XErrorClassifier.Classify(response.StatusCode, response.Headers, body, call, timeProvider.GetUtcNow(), options.RateLimitWait);
                return XApiResult.Failed(refusal) with { HttpStatus = (int)response.StatusCode };
            }

            return new XApiResult(Parse(body), null);
        }
        catch (Exception ex) when (XErrorClassifier.ClassifyFailure(ex, call, cancellationToken) is { } outcome)
        {
            return XApiResult.Failed(outcome);
        }
    }

    private static JsonElement Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
