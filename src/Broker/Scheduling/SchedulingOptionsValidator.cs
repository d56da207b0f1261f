using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Scheduling;

internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var problems = new OptionsProblems(SchedulingOptions.Section);
        problems.Between(options.Window, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        return problems.Result();
    }
}
