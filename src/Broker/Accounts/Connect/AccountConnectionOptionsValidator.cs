using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Accounts.Connect;

internal sealed class AccountConnectionOptionsValidator : IValidateOptions<AccountConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountConnectionOptions options)
    {
        var problems = new OptionsProblems(AccountConnectionOptions.Section);
        problems.Between(options.StateLifetime, TimeSpan.FromTicks(1), TimeSpan.MaxValue);
        problems.Between(options.SelectionLifetime, TimeSpan.FromTicks(1), TimeSpan.MaxValue);
        problems.Between(options.RefreshInterval, TimeSpan.FromMinutes(1), TimeSpan.MaxValue);
        return problems.Result();
    }
}
