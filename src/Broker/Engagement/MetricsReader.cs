using Broker.Accounts;
using Broker.Adapters;
using Broker.Channels;
using Broker.Cluster;
using Broker.Dispatch;
using Broker.Dispatch.CircuitBreaker;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Engagement;

/// <summary>
/// Reads the metrics of published posts as their readings come due, every <see cref="EngagementOptions.SweepInterval"/>
/// and at start (so readings that came due while the broker was down are read then). Each reading is claimed by
/// compare-and-set before the platform is called, so of several nodes one reads it. Reading keeps out of publishing's
/// way: few reads at once (<see cref="EngagementOptions.MaxConcurrentReads"/>), no account turns taken, an account whose
/// circuit is open or whose platform throttled it is not read until it may be, and failures here never count against
/// an account's circuit.
/// </summary>
public sealed partial class MetricsReader(
    IEngagementStore store,
    IAccountStore accounts,
    AdapterRegistry adapters,
    EngagementChannels channels,
    EngagementPauses pauses,
    ReadThrottle throttle,
    AccountCircuitBreakers circuits,
    BrokerNode node,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILogger<MetricsReader> logger) : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string Purpose => "Reading posts' metrics";

    protected override bool RunsAtStart => true;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await ReadDueAsync(cancellationToken);
        }
    }

    /// <summary>Reads every reading due now (batch by batch); returns how many were read.</summary>
    internal async Task<int> ReadDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = 0;
        while (true)
        {
            var due = await store.ListDueReadsAsync(Time.GetUtcNow(), settings.BatchSize, cancellationToken);
            var done = 0;
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentReads, CancellationToken = cancellationToken },
                async (read, ct) =>
                {
                    if (await ReadOneAsync(read, ct))
                    {
                        Interlocked.Increment(ref done);
                    }
                });
            total += done;
            if (due.Count < settings.BatchSize || done == 0)
            {
                return total;
            }
        }
    }

    private async Task<bool> ReadOneAsync(MetricsRead read, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        if (await accounts.GetAsync(read.AccountId, cancellationToken) is not { } account
            || adapters.Find(read.Platform) is not IPostMetricsReader reader)
        {
            return await RecordAsync(read, new ReadOutcome.Failed("The account or its platform's metrics reader is gone."), null, cancellationToken);
        }

        if (await WaitUntilAsync(account, now, cancellationToken) is { } later)
        {
            read.DueAt = later;
            await store.UpdateReadAsync(read, cancellationToken); // a lost write only means another node moved it
            return false;
        }

        read.ClaimedBy = node.Id;
        read.DueAt = now + settings.ClaimLease;
        read.Attempts++;
        if (!await store.UpdateReadAsync(read, cancellationToken))
        {
            return false; // another node claimed it
        }

        var outcome = await CallAsync(account, read, reader, cancellationToken);
        switch (outcome)
        {
            case ReadOutcome.RateLimited limited:
                throttle.Wait(account.Id, limited.Until);
                break;
            case ReadOutcome.NotPermitted or ReadOutcome.NeedsReauthorization:
                await pauses.PauseAsync(account, outcome.ReasonText, cancellationToken);
                break;
            case ReadOutcome.Metrics:
                await pauses.ResumedAsync(account, cancellationToken);
                break;
        }

        return await RecordAsync(read, outcome, reader, cancellationToken);
    }

    /// <summary>When reads of the account may go on, if not now: paused (not permitted), throttled, or its circuit open.</summary>
    private async Task<DateTimeOffset?> WaitUntilAsync(Account account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await pauses.PausedUntilAsync(account, now, cancellationToken) is { } paused)
        {
            return paused;
        }

        if (throttle.WaitUntil(account.Id, now) is { } throttled)
        {
            return throttled;
        }

        return circuits.Snapshot().Any(c => c.AccountId == account.Id && c.State != CircuitState.Closed) ? now + options.Value.RetryDelay : null;
    }

    private async Task<ReadOutcome> CallAsync(Account account, MetricsRead read, IPostMetricsReader reader, CancellationToken cancellationToken)
    {
        var (channel, refusal) = channels.Open(account);
        if (channel is null)
        {
            return new ReadOutcome.NeedsReauthorization(refusal!);
        }

        try
        {
            return await reader.ReadMetricsAsync(channel, read.RemotePostId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the claim lapses and another round reads it
        }
#pragma warning disable CA1031 // One adapter's bug must not stop the other reads.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AdapterThrew(Logger, ex, read.Id, read.Platform);
            return new ReadOutcome.Transient($"The {read.Platform} adapter failed unexpectedly ({ex.GetType().Name}).");
        }
    }

    private async Task<bool> RecordAsync(MetricsRead read, ReadOutcome outcome, IPostMetricsReader? reader, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        read.ClaimedBy = null;
        read.Error = outcome.ReasonText.Length == 0 ? null : outcome.ReasonText;
        switch (outcome)
        {
            case ReadOutcome.Metrics metrics:
                read.Status = MetricsReadStatus.Done;
                read.ReadAt = now;
                read.Values = new Dictionary<string, long>(metrics.Read.Values, StringComparer.Ordinal);
                read.Skipped = [.. metrics.Read.Skipped];
                read.Totals = EngagementChannels.Totals(read.Values, reader!.KindOf);
                break;
            case ReadOutcome.Gone:
                read.Status = MetricsReadStatus.Gone;
                break;
            case ReadOutcome.RateLimited limited:
                read.Attempts--; // a wait the platform asked for is no failure
                read.DueAt = limited.Until > now ? limited.Until : now;
                break;
            case ReadOutcome.NotPermitted or ReadOutcome.NeedsReauthorization:
                read.Attempts--;
                read.DueAt = now + settings.NotPermittedPause;
                break;
            case ReadOutcome.Transient when read.Attempts < settings.MaxAttempts:
                read.DueAt = now + Backoff(read.Attempts, settings.RetryDelay);
                break;
            default:
                read.Status = MetricsReadStatus.GaveUp;
                break;
        }

        if (read.Status != MetricsReadStatus.Due)
        {
            read.DueAt = MetricsRead.Never;
        }

        if (!await store.UpdateReadAsync(read, cancellationToken))
        {
            Log.RecordLost(Logger, read.Id);
            return false;
        }

        Log.Recorded(Logger, read.Id, read.Platform, outcome.GetType().Name, read.Status);
        return read.Status != MetricsReadStatus.Due;
    }

    private static TimeSpan Backoff(int attempts, TimeSpan first)
    {
        var delay = first * Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 10));
        return delay > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : delay;
    }

    private static partial class Log
    {
        [LoggerMessage(4021, LogLevel.Debug, "Metrics reading {ReadId} on {Platform} ended {Outcome}; it is now {Status}")]
        public static partial void Recorded(ILogger logger, string readId, string platform, string outcome, MetricsReadStatus status);

        [LoggerMessage(4022, LogLevel.Warning, "The outcome of metrics reading {ReadId} was not stored (changed meanwhile); it is read again, harmlessly")]
        public static partial void RecordLost(ILogger logger, string readId);

        [LoggerMessage(4023, LogLevel.Error, "The {Platform} adapter threw while reading metrics for {ReadId}")]
        public static partial void AdapterThrew(ILogger logger, Exception exception, string readId, string platform);
    }
}
