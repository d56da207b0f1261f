using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Retraction;

internal sealed class RetractionOptionsValidator : IValidateOptions<RetractionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetractionOptions options)
    {
        var problems = new OptionsProblems(RetractionOptions.Section);
        problems.Between(options.SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.ClaimLease, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
        problems.Between(options.RetryDelay, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1));
        problems.Between(options.MaxAttempts, 1, 100);
        return problems.Result();
    }
}
