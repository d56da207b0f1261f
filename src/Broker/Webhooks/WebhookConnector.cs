using System.Net;
using System.Net.Sockets;

namespace Broker.Webhooks;

/// <summary>
/// The webhook client's connect step: resolves the host, refuses the connection when any address it resolves to is
/// refused (<see cref="WebhookTargets"/>), and connects to the checked address itself, never resolving again.
/// </summary>
internal sealed class WebhookConnector(WebhookTargets targets, IWebhookResolver resolver)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"'{host}' resolves to no address.");
        }

        foreach (var address in addresses)
        {
            if (targets.WhyRefused(address) is { } why)
            {
                throw new WebhookTargetRefusedException($"'{host}' resolves to {address}, {why}");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
