using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

internal sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        var problems = new OptionsProblems(ReportsOptions.Section);
        problems.Between(options.StaleAfterDays, 1, 365);
        problems.Between(options.PublishWithin, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        if (options.PublishWithin.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            // The stored two-hour-rule figures record the target they were counted against in whole minutes.
            problems.Add(nameof(options.PublishWithin), $"must be a whole number of minutes (was {options.PublishWithin}).");
        }
        problems.Between(options.MaxPeriodDays, 1, 3660);
        problems.Between(options.FiguresInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.ClickFiguresAfter, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        return problems.Result();
    }
}
