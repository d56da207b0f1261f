namespace Broker.Sandbox.Media;

/// <summary>Fetches image URLs the way Meta's crawler does: the URL must answer at attempt time.</summary>
internal sealed class MediaFetcher(SandboxOptions options) : IDisposable
{
    private readonly HttpClient client = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<FetchedMedia> FetchAsync(string url, long maxBytes, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return FetchedMedia.Failed("the URL is not an absolute http(s) URL");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.MediaFetchTimeout);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return FetchedMedia.Failed($"the URL answered HTTP {(int)response.StatusCode}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return new FetchedMedia(null, buffer.Length, TooLarge: true, TimedOut: false, Error: null);
                }
            }

            return new FetchedMedia(buffer.ToArray(), buffer.Length, TooLarge: false, TimedOut: false, Error: null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FetchedMedia(null, 0, TooLarge: false, TimedOut: true, Error: "timed out");
        }
        catch (HttpRequestException e)
        {
            return FetchedMedia.Failed(e.Message);
        }
    }

    public void Dispose() => client.Dispose();
}
