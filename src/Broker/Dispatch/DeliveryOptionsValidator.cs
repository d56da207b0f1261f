using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var problems = new OptionsProblems(DeliveryOptions.Section);
        problems.Between(options.MaxAttempts, 1, 100);
        problems.Between(options.FirstRetryDelay, TimeSpan.Zero, TimeSpan.FromDays(1));
        problems.Between(options.MaxRetryDelay, TimeSpan.Zero, TimeSpan.FromDays(7));
        problems.Between(options.Deadline, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        problems.Between(options.PastTimeGrace, TimeSpan.Zero, TimeSpan.FromDays(1));
        problems.Between(options.StaleAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        problems.Between(options.PublishingTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        problems.Between(options.MaxConcurrency, 1, 1024);
        return problems.Result();
    }
}
