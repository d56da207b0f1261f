using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>Builds the broker's public URLs from <c>Broker:PublicBaseUrl</c>, or from the address it listens on.</summary>
public sealed class PublicUrls(IOptions<BrokerOptions> options, IServer server)
{
    public Uri BaseUrl => new(Base + "/");

    public Uri Media(string id) => new(BaseUrl, "media/" + Uri.EscapeDataString(id));

    public Uri For(string relative) => new(BaseUrl, relative.TrimStart('/'));

    private string Base
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
            {
                return options.Value.PublicBaseUrl.TrimEnd('/');
            }

            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .TrimEnd('/');
        }
    }
}
