using Broker.Hosting;
using Broker.Storage;

namespace Broker.Accounts.Connect;

public static class AccountConnectionExtensions
{
    /// <summary>Connecting accounts through the platforms' OAuth flows, and the periodic credential refresh.</summary>
    public static IHostApplicationBuilder AddAccountConnection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AccountConnectionOptions, AccountConnectionOptionsValidator>(AccountConnectionOptions.Section);
        if (StorageExtensions.Provider(builder.Configuration) == StorageProvider.PostgreSql)
        {
            builder.Services.AddSingleton<IAccountConnectionStore, PgAccountConnectionStore>();
        }
        else
        {
            builder.Services.AddSingleton<IAccountConnectionStore, LiteDbAccountConnectionStore>();
        }

        builder.Services.AddSingleton<AccountConnections>();
        builder.Services.AddSingleton<ConnectionSelection>();
        builder.Services.AddSingleton<Pausing.AccountPauses>();
        builder.Services.AddHostedService<CredentialRefreshService>();
        return builder;
    }
}
