using System.Collections.Concurrent;
using Broker.Accounts;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Engagement;

/// <summary>
/// "Metrics not permitted": an account whose token may not read metrics or posts is left alone for
/// <see cref="EngagementOptions.NotPermittedPause"/>, or until it is reconnected (its credentials change), instead of
/// being asked again for every post. The state is stored per account (the accounts page shows it) and kept in memory
/// here, so checking it costs no query per read.
/// </summary>
public sealed partial class EngagementPauses(IEngagementStore store, IOptions<EngagementOptions> options, TimeProvider time, ILogger<EngagementPauses> logger)
{
    private readonly ConcurrentDictionary<string, AccountEngagement> known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile bool loaded;

    /// <summary>When reading may resume for <paramref name="account"/>, if it is paused at <paramref name="now"/>.</summary>
    public async Task<DateTimeOffset?> PausedUntilAsync(Account account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await LoadAsync(cancellationToken);
        return known.TryGetValue(account.Id, out var state) && state.IsPaused(now, EngagementChannels.Mark(account)) ? state.PausedUntil : null;
    }

    /// <summary>Pauses reading for the account; logged once per pause, not per refused read.</summary>
    public async Task PauseAsync(Account account, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = time.GetUtcNow();
        var mark = EngagementChannels.Mark(account);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var state = await store.GetAccountAsync(account.Id, cancellationToken) ?? new AccountEngagement { Id = account.Id, NextImportAt = now };
            if (state.IsPaused(now, mark))
            {
                known[account.Id] = state;
                return; // another read (or node) paused it already
            }

            state.NotPermitted = reason;
            state.NotPermittedAt = now;
            state.PausedUntil = now + options.Value.NotPermittedPause;
            state.CredentialsMark = mark;
            if (await store.SaveAccountAsync(state, cancellationToken))
            {
                known[account.Id] = state;
                Log.Paused(logger, account.Id, account.Platform, state.PausedUntil.Value, reason);
                return;
            }
        }
    }

    /// <summary>
    /// Clears a pause that ended (time passed, or the account was reconnected) once a read went through. A pause still in
    /// force is kept: the read that went through began before it.
    /// </summary>
    public async Task ResumedAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!known.TryGetValue(account.Id, out var cached) || cached.NotPermitted is null)
        {
            return;
        }

        // A pause still in force was made after this read began (by a refused read beside it, or the post import): it stays.
        if (await store.GetAccountAsync(account.Id, cancellationToken) is { NotPermitted: not null } state
            && !state.IsPaused(time.GetUtcNow(), EngagementChannels.Mark(account)))
        {
            state.NotPermitted = null;
            state.PausedUntil = null;
            if (await store.SaveAccountAsync(state, cancellationToken))
            {
                known[account.Id] = state;
                Log.Resumed(logger, account.Id);
            }
        }
    }

    /// <summary>Of <paramref name="candidates"/>, the accounts whose reading is paused now, with the reason (for the accounts page).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NotPermittedAsync(IEnumerable<Account> candidates, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var states = (await store.ListAccountsAsync(cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        return candidates
            .Where(a => states.TryGetValue(a.Id, out var s) && s.IsPaused(now, EngagementChannels.Mark(a)))
            .ToDictionary(a => a.Id, a => states[a.Id].NotPermitted!, StringComparer.Ordinal);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (loaded)
        {
            return;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (!loaded)
            {
                foreach (var state in await store.ListAccountsAsync(cancellationToken))
                {
                    known.TryAdd(state.Id, state);
                }

                loaded = true;
            }
        }
        finally
        {
            loading.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Account {AccountId} ({Platform}) may not read metrics: reading it is paused until {Until} or until it is reconnected. {Reason}")]
        public static partial void Paused(ILogger logger, string accountId, string platform, DateTimeOffset until, string reason);

        [LoggerMessage(4002, LogLevel.Information, "Account {AccountId} reads metrics again")]
        public static partial void Resumed(ILogger logger, string accountId);
    }
}
