using Broker.Bench.Infrastructure;

namespace Broker.Bench.Dispatch;

/// <summary>Counts the bare scheduler's no-op jobs as they fire, with each one's lateness against its scheduled time.</summary>
internal sealed class FireRecorder(int expected)
{
    private readonly TimeSpan[] lateness = new TimeSpan[expected];
    private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int fired;
    private long lastAt;

    public Task AllFired => all.Task;

    /// <summary>When the last job fired (a <see cref="Clock.Timestamp"/>).</summary>
    public long LastAt => Interlocked.Read(ref lastAt);

    public IReadOnlyCollection<TimeSpan> Lateness => lateness;

    public int Fired => Volatile.Read(ref fired);

    public void Record(TimeSpan late)
    {
        var n = Interlocked.Increment(ref fired);
        if (n > lateness.Length)
        {
            return;
        }

        lateness[n - 1] = late;
        if (n == lateness.Length)
        {
            Interlocked.Exchange(ref lastAt, Clock.Timestamp);
            all.TrySetResult();
        }
    }
}
