using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Privacy;

internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var problems = new OptionsProblems(PrivacyOptions.Section);
        problems.Between(options.ClickRetention, TimeSpan.FromDays(1), TimeSpan.FromDays(3650));
        problems.Between(options.PurgeInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        problems.Between(options.PurgeBatchLinks, 1, 100_000);
        return problems.Result();
    }
}
