namespace Broker.Storage;

/// <summary>
/// The broker's answer to a failed fsync, as PostgreSQL's since "fsyncgate" (2018): after the operating system has
/// failed to force a file to disk once, its page cache no longer says what the disk holds, and a retried fsync can
/// report success for pages that were dropped. So the first failure of the LiteDB log's, the data file's or the intent
/// journal's fsync is final: every later write is refused, <c>/health</c> reports unhealthy, and the application stops
/// (<see cref="FailStopService"/>), so that the restart recovers from what is really on disk.
/// </summary>
public sealed class FailStop : IDisposable
{
    private readonly CancellationTokenSource tripped = new();
    private Tripping? failure;

    /// <summary>Whether an fsync has failed in this process.</summary>
    public bool IsTripped => Volatile.Read(ref failure) is not null;

    /// <summary>Cancelled when the first fsync fails.</summary>
    public CancellationToken Tripped => tripped.Token;

    /// <summary>What failed first, for the health report and the log; <see langword="null"/> while all is well.</summary>
    public string? Reason => Volatile.Read(ref failure) is { } first ? Describe(first) : null;

    /// <summary>The file whose fsync failed first and why.</summary>
    internal (string File, Exception Cause)? First => Volatile.Read(ref failure) is { } first ? (first.File, first.Cause) : null;

    /// <summary>Records that forcing <paramref name="file"/> to disk failed; returns the exception its caller throws.</summary>
    public FailStopException Trip(string file, Exception cause)
    {
        if (Interlocked.CompareExchange(ref failure, new Tripping(file, cause), null) is null)
        {
            tripped.Cancel();
        }

        return Refusal()!;
    }

    /// <summary>Throws once an fsync has failed: nothing may be written after it.</summary>
    public void ThrowIfTripped()
    {
        if (Refusal() is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>The exception a refused write fails with, once an fsync has failed; else <see langword="null"/>.</summary>
    public FailStopException? Refusal() =>
        Volatile.Read(ref failure) is { } first ? new FailStopException(Describe(first), first.Cause) : null;

    public void Dispose() => tripped.Dispose();

    private static string Describe(Tripping first) =>
        $"Forcing {first.File} to disk (fsync) failed ({first.Cause.Message}). The broker refuses every write from then on "
        + "and stops; restart it, and it recovers from what is really on disk.";

    private sealed record Tripping(string File, Exception Cause);
}
