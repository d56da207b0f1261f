using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// Puts the forwarded-headers middleware first, before routing, when proxies are configured: the share-link redirect is
/// short-circuited at routing and must see the client's address too. Without proxies, nothing is added.
/// </summary>
internal sealed class ForwardedHeadersStartup(IOptions<ProxyOptions> proxies) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (proxies.Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        next(app);
    };

    public static void Configure(ForwardedHeadersOptions options, ProxyOptions proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // The defaults trust loopback; only what the configuration names is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        proxies.KnownProxies.ForEach(p => options.KnownProxies.Add(IPAddress.Parse(p)));
        proxies.KnownNetworks.ForEach(n => options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
    }
}
