namespace Broker.Accounts.Connect;

public static class AccountConnectionExtensions
{
    /// <summary>Connecting accounts through the platforms' OAuth flows, and the periodic credential refresh.</summary>
    public static IHostApplicationBuilder AddAccountConnection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountConnectionOptions>()
            .BindConfiguration(AccountConnectionOptions.Section)
            .Validate(o => !o.Problems().Any(), "AccountConnection settings are invalid: lifetimes must be positive and RefreshInterval at least a minute.")
            .ValidateOnStart();
        // IAccountConnectionStore is the storage provider's (AddBrokerStorage).
        builder.Services.AddSingleton<AccountConnections>();
        builder.Services.AddSingleton<ConnectionSelection>();
        builder.Services.AddSingleton<Pausing.AccountPauses>();
        builder.Services.AddHostedService<CredentialRefreshService>();
        return builder;
    }
}
