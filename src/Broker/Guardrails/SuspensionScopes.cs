using Broker.Accounts;

namespace Broker.Guardrails;

/// <summary>The keys of suspension scopes, and which of them cover an account.</summary>
public static class SuspensionScopes
{
    public const string City = "city";

    public static string Key(SuspensionScope scope, string? target) => scope switch
    {
        SuspensionScope.City => City,
        SuspensionScope.Opd => "opd:" + target,
        _ => "account:" + target,
    };

    /// <summary>The keys whose suspension stops <paramref name="account"/>: the city's, its OPD's and its own.</summary>
    public static string[] Covering(Account account) => [City, Key(SuspensionScope.Opd, account.Opd), Key(SuspensionScope.Account, account.Id)];
}
