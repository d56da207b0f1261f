using Broker.Api;
using Broker.Dispatch;
using Broker.Sandbox;
using Microsoft.Extensions.Options;

namespace Broker.Pages;

/// <summary>
/// Where "Lihat posting" leads: the platform's permalink (only an https one), or, while the broker publishes into its
/// embedded sandbox, the sandbox's own view of the post, since the sandbox's permalinks name the real platforms' hosts.
/// </summary>
public sealed class PostLinks(IOptions<SandboxSettings> sandbox)
{
    public string? For(Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (sandbox.Value.Enabled && delivery.RemotePostId is { Length: > 0 } id)
        {
            return $"{sandbox.Value.Url.TrimEnd('/')}/_sandbox/posts/{Uri.EscapeDataString(delivery.Platform)}/{Uri.EscapeDataString(id)}";
        }

        return HttpUrls.IsSafeHttps(delivery.Permalink) ? delivery.Permalink : null;
    }
}
