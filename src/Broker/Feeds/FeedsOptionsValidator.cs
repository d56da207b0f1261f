using System.Net;
using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

internal sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions options)
    {
        var problems = new OptionsProblems(FeedsOptions.Section);
        problems.Between(options.MaxEntries, 1, 500);
        problems.Between(options.CacheTime, TimeSpan.Zero, TimeSpan.FromDays(1));
        problems.Between(options.PollInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        problems.Between(options.MaxBackoff, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        problems.Between(options.SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        problems.Between(options.MaxFeedBytes, 1024, 64 * 1024 * 1024);
        problems.Between(options.MaxImageBytes, 1024, 64 * 1024 * 1024);
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.AllowedNetworks[i].Trim(), out _))
            {
                problems.Add($"{nameof(options.AllowedNetworks)}:{i}", $"'{options.AllowedNetworks[i]}' is not a network in CIDR form (e.g. 127.0.0.0/8).");
            }
        }

        return problems.Result();
    }
}
