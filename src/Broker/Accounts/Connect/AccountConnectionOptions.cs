namespace Broker.Accounts.Connect;

/// <summary>Timing of account connections and of the periodic credential refresh (<c>AccountConnection</c> section).</summary>
public sealed class AccountConnectionOptions
{
    public const string Section = "AccountConnection";

    /// <summary>How long the platform's consent page may take before its callback is refused.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the offered accounts wait to be chosen; their credentials are dropped after that.</summary>
    public TimeSpan SelectionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often every account's credentials are checked and refreshed when close to expiry.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(6);
}
