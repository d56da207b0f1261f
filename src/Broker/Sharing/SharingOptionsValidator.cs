using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Sharing;

internal sealed class SharingOptionsValidator : IValidateOptions<SharingOptions>
{
    public ValidateOptionsResult Validate(string? name, SharingOptions options)
    {
        var problems = new OptionsProblems(SharingOptions.Section);
        problems.Between(options.LinkCacheTime, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.OpenItemsCacheTime, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        problems.Between(options.UnknownCodeCacheBytes, 4096, 1_073_741_824);
        problems.Between(options.ClickBatchSize, 1, 100_000);
        problems.Between(options.ClickWriteInterval, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        problems.Between(options.ClickQueueCapacity, 1000, 10_000_000);
        return problems.Result();
    }
}
