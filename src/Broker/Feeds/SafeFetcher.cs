using System.Net;
using Broker.Api;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

/// <summary>
/// Fetches what a person named (a feed URL, a photo a feed points to) without letting it reach inside: https only
/// (unless <c>Feeds:RequireHttps</c> is off), every address checked by <see cref="AddressPolicy"/> where the connection is
/// made (the HTTP client's connect callback), redirects followed by hand and each target checked again, a size limit
/// on the bytes read whatever the server announced. Every failure is a <see cref="FetchResult"/> with a reason.
/// </summary>
public sealed class SafeFetcher(IHttpClientFactory clients, IOptions<FeedsOptions> options)
{
    public const string ClientName = "feeds";

    private const int MaxRedirects = 5;

    public async Task<FetchResult> GetAsync(Uri url, long maxBytes, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (WhyRefused(url) is { } refused)
            {
                return FetchResult.Refused(refused);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (lastModified is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (Refusal(ex) is { } address)
            {
                return FetchResult.Refused($"{url.Host} resolves to {address}, a private, loopback or link-local address the broker does not fetch from.");
            }
            catch (HttpRequestException ex)
            {
                return FetchResult.Refused($"{url.Host} could not be reached ({ex.Message}).");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return FetchResult.Refused($"{url.Host} did not answer within {options.Value.RequestTimeout.TotalSeconds:0} s.");
            }

            using (response)
            {
                if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    continue;
                }

                return await ReadAsync(url, response, maxBytes, cancellationToken);
            }
        }

        return FetchResult.Refused($"{url} redirects more than {MaxRedirects} times.");
    }

    private string? WhyRefused(Uri url)
    {
        var https = options.Value.RequireHttps;
        if (HttpUrls.WhyRefused(url.ToString(), httpsOnly: https) is { } why)
        {
            return $"{url} {why}";
        }

        return null;
    }

    private static async Task<FetchResult> ReadAsync(Uri url, HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return FetchResult.NotModified;
        }

        if (!response.IsSuccessStatusCode)
        {
            return FetchResult.Refused($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return FetchResult.Refused($"{url} is {response.Content.Headers.ContentLength} bytes; at most {maxBytes} are read.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return FetchResult.Refused($"{url} is larger than the {maxBytes} bytes that are read.");
            }

            buffer.Write(chunk, 0, read);
        }

        return new FetchResult(FetchStatus.Fetched, buffer.ToArray(), response.Headers.ETag?.ToString(), Header(response.Content.Headers.LastModified), null);
    }

    private static string? Header(DateTimeOffset? at) => at?.ToString("r", System.Globalization.CultureInfo.InvariantCulture);

    private static IPAddress? Refusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is RefusedAddressException refused)
            {
                return refused.Address;
            }
        }

        return null;
    }

    /// <summary>The handler behind <see cref="ClientName"/>: no automatic redirects, no proxy, each connection checked.</summary>
    internal static SocketsHttpHandler Handler(AddressPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var usable = addresses.Where(a => AddressPolicy.IsIp(a.AddressFamily) && policy.Allows(a)).ToArray();
            if (usable.Length == 0)
            {
                throw new RefusedAddressException(addresses.FirstOrDefault() ?? IPAddress.None);
            }

            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Thrown by the connect callback: the address is not one the broker fetches from.</summary>
    private sealed class RefusedAddressException(IPAddress address) : Exception($"{address} is not an address the broker fetches from.")
    {
        public IPAddress Address { get; } = address;
    }
}
