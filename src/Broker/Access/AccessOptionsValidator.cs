using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Access;

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new OptionsProblems(AccessOptions.Section);
        problems.Between(options.TokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(3650));
        problems.Between(options.SignInLinkLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
        problems.Between(options.SessionLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        problems.Between(options.RequestsPerMinute, 1, 1_000_000);
        problems.Between(options.SignInsPerMinute, 1, 10_000);
        problems.Between(options.FailedTokensPerMinute, 1, 10_000);
        problems.Between(options.RedirectsPerMinute, 1, 10_000_000);
        problems.Between(options.MaxRequestBodyBytes, 1024, 1_073_741_824);
        return problems.Result();
    }
}
