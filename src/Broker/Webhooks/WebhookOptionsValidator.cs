using System.Net;
using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Webhooks;

/// <summary>The timings, and the allow-lists read as what they are: an entry that is no address would allow nothing, silently.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var problems = new OptionsProblems(WebhookOptions.Section);
        problems.Between(options.FirstRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        problems.Between(options.MaxRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        problems.Between(options.RetryFor, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        problems.Between(options.DisableAfterFailures, 1, 10_000);
        problems.Between(options.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        problems.Between(options.MaxConcurrentPerEndpoint, 1, 64);
        problems.Between(options.MaxResponseBytes, 0, 65_536);
        problems.Between(options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10));
        for (var i = 0; i < options.HttpAllowedHosts.Count; i++)
        {
            if (Uri.CheckHostName(options.HttpAllowedHosts[i]) == UriHostNameType.Unknown)
            {
                problems.Add($"{nameof(options.HttpAllowedHosts)}:{i}", $"'{options.HttpAllowedHosts[i]}' is not a host name.");
            }
        }

        for (var i = 0; i < options.AllowedAddresses.Count; i++)
        {
            var entry = options.AllowedAddresses[i];
            if (!IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            {
                problems.Add($"{nameof(options.AllowedAddresses)}:{i}", $"'{entry}' is not an address or a network such as 10.1.2.0/24.");
            }
        }

        return problems.Result();
    }
}
