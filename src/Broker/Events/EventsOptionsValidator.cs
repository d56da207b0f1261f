using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Events;

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        var problems = new OptionsProblems(EventsOptions.Section);
        problems.Between(options.PollInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.BatchSize, 1, 10_000);
        problems.Between(options.FirstRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        problems.Between(options.MaxRetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        problems.Between(options.Retention, TimeSpan.FromMinutes(1), TimeSpan.FromDays(3650));
        problems.Between(options.DeadlineWarningBefore, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
        problems.Between(options.DeadlineCheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        return problems.Result();
    }
}
