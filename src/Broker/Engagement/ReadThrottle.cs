using System.Collections.Concurrent;

namespace Broker.Engagement;

/// <summary>
/// The rate-limit waits of reading, per account: after a platform throttled one read of an account, no read of that
/// account is tried before the time the platform gave. In memory: a restart forgets it, and the first read after
/// learns it again.
/// </summary>
public sealed class ReadThrottle
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> until = new(StringComparer.Ordinal);

    public void Wait(string accountId, DateTimeOffset end) => until.AddOrUpdate(accountId, end, (_, known) => known > end ? known : end);

    /// <summary>When reads of the account may go on, if they must wait at <paramref name="now"/>.</summary>
    public DateTimeOffset? WaitUntil(string accountId, DateTimeOffset now) =>
        until.TryGetValue(accountId, out var end) && end > now ? end : null;
}
