using System.Net;

namespace Broker.Webhooks;

/// <summary>Resolves a webhook target's host name (DNS); the seam where tests play a name that rebinds.</summary>
public interface IWebhookResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
