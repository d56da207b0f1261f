using Broker.Hosting;

namespace Broker.Accounts.Connect;

public static class AccountConnectionExtensions
{
    /// <summary>Connecting accounts through the platforms' OAuth flows, and the periodic credential refresh.</summary>
    public static IHostApplicationBuilder AddAccountConnection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AccountConnectionOptions, AccountConnectionOptionsValidator>(AccountConnectionOptions.Section);
        // IAccountConnectionStore is the storage provider's (AddBrokerStorage).
        builder.Services.AddSingleton<AccountConnections>();
        builder.Services.AddSingleton<ConnectionSelection>();
        builder.Services.AddSingleton<Pausing.AccountPauses>();
        builder.Services.AddHostedService<CredentialRefreshService>();
        return builder;
    }
}
