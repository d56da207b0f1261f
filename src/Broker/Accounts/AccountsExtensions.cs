namespace Broker.Accounts;

public static class AccountsExtensions
{
    /// <summary>Channel accounts' credentials at rest, encrypted with the Data Protection key ring.</summary>
    public static IHostApplicationBuilder AddBrokerAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CredentialProtector>();
        return builder;
    }
}
