using Broker.Hosting;
using Broker.Storage;

namespace Broker.Access;

/// <summary>
/// Hourly: removes sign-in links a week after they expired (their audit entries stay) and ASN import previews a week
/// after they were uploaded (each keeps its file).
/// </summary>
public sealed partial class SignInCleanup(ISignInLinkStore links, IAsnImportStore previews, TimeProvider time, ILogger<SignInCleanup> logger)
    : PeriodicSweep(time, logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Purpose => "the removal of old sign-in links and import previews";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var before = Time.GetUtcNow() - KeptFor;
        var removed = await links.DeleteExpiredAsync(before, cancellationToken) + await previews.DeleteOlderAsync(before, cancellationToken);
        if (removed > 0)
        {
            Log.Removed(Logger, removed);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6011, LogLevel.Information, "Removed {Count} old sign-in links and import previews")]
        public static partial void Removed(ILogger logger, int count);
    }
}
