using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>Builds the broker's public URLs from <c>Broker:PublicBaseUrl</c>, or from the address it listens on.</summary>
public sealed class PublicUrls(IOptions<BrokerOptions> options, IServer server)
{
    public Uri BaseUrl => baseUrl ?? Resolve();

    public Uri Media(string id) => new(BaseUrl, "media/" + Uri.EscapeDataString(id));

    public Uri For(string relative) => new(BaseUrl, relative.TrimStart('/'));

    /// <summary>
    /// The absolute address of a plain relative path (no dot segments, nothing to escape: a share code and its channel)
    /// as text, without building a <see cref="Uri"/>: a share page writes six per item.
    /// </summary>
    public string Text(string relative) => BaseText + relative.TrimStart('/');

    // Found once: the configured base never changes, nor do the addresses once the server listens; Kestrel's address
    // collection takes a lock on every read, which every link of a share page contended for.
    private string? known;

    private Uri? baseUrl;

    private string? baseText;

    private string Base => known ?? Find();

    private string BaseText => baseText ?? BaseUrl.AbsoluteUri;

    private Uri Resolve()
    {
        var found = new Uri(Base + "/");
        if (known is not null)
        {
            (baseUrl, baseText) = (found, found.AbsoluteUri);
        }

        return found;
    }

    private string Find()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return known = options.Value.PublicBaseUrl.TrimEnd('/');
        }

        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address)
        {
            return "http://localhost:5000"; // not listening yet: asked again next time
        }

        return known = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
