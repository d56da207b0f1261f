using Microsoft.Extensions.Options;

namespace Broker.Feeds;

internal sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions options) =>
        AddressPolicy.WhyRefused(options.AllowedNetworks) is { } why ? ValidateOptionsResult.Fail(why) : ValidateOptionsResult.Success;
}
