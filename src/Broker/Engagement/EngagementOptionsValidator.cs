using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Engagement;

internal sealed class EngagementOptionsValidator : IValidateOptions<EngagementOptions>
{
    public ValidateOptionsResult Validate(string? name, EngagementOptions options)
    {
        var problems = new OptionsProblems(EngagementOptions.Section);
        if (options.ReadAt.Any(a => a < TimeSpan.FromMinutes(1) || a > TimeSpan.FromDays(365)))
        {
            problems.Add(nameof(options.ReadAt), "ages must lie between 1 minute and 365 days.");
        }

        if (options.ReadAt.Count > 10)
        {
            problems.Add(nameof(options.ReadAt), $"takes at most 10 ages (it has {options.ReadAt.Count}).");
        }

        problems.Between(options.SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.MaxConcurrentReads, 1, 16);
        problems.Between(options.BatchSize, 1, 10_000);
        problems.Between(options.ClaimLease, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
        problems.Between(options.RetryDelay, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(6));
        problems.Between(options.MaxAttempts, 1, 50);
        problems.Between(options.NotPermittedPause, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        problems.Between(options.CatchUpWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        problems.Between(options.NativeInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        problems.Between(options.NativeLookBack, TimeSpan.FromHours(1), TimeSpan.FromDays(90));
        problems.Between(options.NativeLimit, 5, 100);
        return problems.Result();
    }
}
