using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Telemetry;

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var problems = new OptionsProblems(HealthOptions.Section);
        problems.Between(options.MaxStuckPublishing, 0, int.MaxValue);
        problems.Between(options.ProbeInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        return problems.Result();
    }
}
