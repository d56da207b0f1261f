using Broker.Accounts;
using Broker.Adapters;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Engagement;

/// <summary>
/// Imports each account's own recent posts as native posts, every <see cref="EngagementOptions.NativeInterval"/> per
/// account. An account's import is claimed by compare-and-set on its state, so of several nodes one imports it. A post
/// whose platform id is on one of the broker's deliveries of that account is the broker's: it is never stored as native,
/// and one stored before its delivery recorded the id (the import ran between the platform's answer and the broker's
/// write) is removed.
/// </summary>
public sealed partial class NativePostImporter(
    IEngagementStore store,
    IAccountStore accounts,
    IDeliveryStore deliveries,
    AdapterRegistry adapters,
    EngagementChannels channels,
    EngagementPauses pauses,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILogger<NativePostImporter> logger) : PeriodicSweep(time, logger)
{
    private static readonly DeliveryStatus[] WentOut =
        [DeliveryStatus.Published, DeliveryStatus.Removing, DeliveryStatus.Removed, DeliveryStatus.ManualRemovalNeeded, DeliveryStatus.Publishing, DeliveryStatus.Retrying];

    protected override TimeSpan Interval => TimeSpan.FromTicks(Math.Min(options.Value.NativeInterval.Ticks, options.Value.SweepInterval.Ticks * 10));

    protected override string Purpose => "Importing accounts' own posts";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        if (options.Value is { Enabled: true, ImportNative: true })
        {
            await ImportDueAsync(cancellationToken);
        }
    }

    /// <summary>Imports every account whose import is due; returns how many new native posts were stored.</summary>
    internal async Task<int> ImportDueAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var account in await accounts.ListAsync(null, cancellationToken))
        {
            if (adapters.Find(account.Platform) is IRecentPostsReader reader && await ClaimAsync(account, cancellationToken) is { } state)
            {
                added += await ImportAsync(account, reader, state, cancellationToken);
            }
        }

        return added;
    }

    private async Task<AccountEngagement?> ClaimAsync(Account account, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var state = await store.GetAccountAsync(account.Id, cancellationToken) ?? new AccountEngagement { Id = account.Id, NextImportAt = now };
        if (state.NextImportAt > now || await pauses.PausedUntilAsync(account, now, cancellationToken) is not null)
        {
            return null;
        }

        state.NextImportAt = now + options.Value.NativeInterval;
        return await store.SaveAccountAsync(state, cancellationToken) ? state : null;
    }

    private async Task<int> ImportAsync(Account account, IRecentPostsReader reader, AccountEngagement state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        var outcome = await CallAsync(account, reader, now - settings.NativeLookBack, cancellationToken);
        switch (outcome)
        {
            case ReadOutcome.Posts posts:
                var added = await StoreAsync(account, reader, posts.Found, now, cancellationToken);
                state.LastImportAt = now;
                await store.SaveAccountAsync(state, cancellationToken);
                await pauses.ResumedAsync(account, cancellationToken);
                Log.Imported(Logger, account.Id, posts.Found.Count, added);
                return added;
            case ReadOutcome.NotPermitted or ReadOutcome.NeedsReauthorization:
                await pauses.PauseAsync(account, outcome.ReasonText, cancellationToken);
                return 0;
            case ReadOutcome.RateLimited limited:
                state.NextImportAt = limited.Until;
                await store.SaveAccountAsync(state, cancellationToken);
                return 0;
            default:
                Log.Failed(Logger, account.Id, outcome.GetType().Name, outcome.ReasonText);
                return 0;
        }
    }

    private async Task<int> StoreAsync(Account account, IRecentPostsReader reader, IReadOnlyList<RecentPost> found, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var brokers = (await deliveries.ListByAccountAsync(account.Id, WentOut, cancellationToken))
            .Where(d => d.RemotePostId is not null)
            .Select(d => d.RemotePostId!)
            .ToHashSet(StringComparer.Ordinal);
        var kinds = reader as IPostMetricsReader;
        var added = 0;
        foreach (var post in found)
        {
            var id = NativePost.IdOf(account.Id, post.PlatformPostId);
            if (brokers.Contains(post.PlatformPostId))
            {
                await store.DeleteNativeAsync(id, cancellationToken);
                continue;
            }

            var native = new NativePost
            {
                Id = id,
                AccountId = account.Id,
                Opd = account.Opd,
                Platform = account.Platform,
                PlatformPostId = post.PlatformPostId,
                PublishedAt = post.PublishedAt,
                Permalink = post.Permalink is { IsAbsoluteUri: true, Scheme: "https" } link ? link.AbsoluteUri : null, // never a script: or other scheme
                Excerpt = post.Text is { Length: > NativePost.ExcerptLength } text ? text[..NativePost.ExcerptLength] : post.Text,
                Values = new Dictionary<string, long>(post.Metrics, StringComparer.Ordinal),
                Totals = EngagementChannels.Totals(post.Metrics, name => kinds?.KindOf(name) ?? MetricKind.Other),
                FirstSeenAt = now,
                UpdatedAt = now,
            };
            if (await store.SaveNativeAsync(native, cancellationToken))
            {
                added++;
            }
        }

        return added;
    }

    private async Task<ReadOutcome> CallAsync(Account account, IRecentPostsReader reader, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (channel, refusal) = channels.Open(account);
        if (channel is null)
        {
            return new ReadOutcome.NeedsReauthorization(refusal!);
        }

        try
        {
            return await reader.ReadRecentPostsAsync(channel, since, options.Value.NativeLimit, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One adapter's bug must not stop the other accounts' imports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AdapterThrew(Logger, ex, account.Id, account.Platform);
            return new ReadOutcome.Transient(ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4031, LogLevel.Information, "Imported the recent posts of account {AccountId}: {Found} found, {Added} new native posts")]
        public static partial void Imported(ILogger logger, string accountId, int found, int added);

        [LoggerMessage(4032, LogLevel.Warning, "Importing the recent posts of account {AccountId} ended {Outcome}: {Reason}")]
        public static partial void Failed(ILogger logger, string accountId, string outcome, string reason);

        [LoggerMessage(4033, LogLevel.Error, "The {Platform} adapter threw while listing the recent posts of account {AccountId}")]
        public static partial void AdapterThrew(ILogger logger, Exception exception, string accountId, string platform);
    }
}
