using Broker.Access;
using Broker.Guardrails;
using Broker.Storage;

namespace Broker.Accounts.Pausing;

/// <summary>
/// Pausing and resuming one channel account, by an editor or by the admin of the account's OPD. A pause is the
/// account's own suspension (<see cref="SuspensionService"/>): the same compare-and-set on the scope's document, the
/// same audit entry and event, and its waiting deliveries go again on resume. An OPD admin may not resume a pause an
/// editor set: that is the editor's guardrail, not the OPD's switch.
/// </summary>
public sealed class AccountPauses(IAccountStore accounts, IUserStore users, SuspensionService suspensions, SuspensionCheck check)
{
    public const int MaxReason = SuspensionService.MaxReason;

    /// <summary>The account's own pause in force, if any (not the city's or its OPD's suspension).</summary>
    public async Task<Suspension?> PauseOfAsync(string accountId, CancellationToken cancellationToken) =>
        (await check.ActiveAsync(cancellationToken)).FirstOrDefault(s => s.Id == Key(accountId));

    public async Task<AccountPauseOutcome> PauseAsync(Caller caller, string accountId, string? reason, string defaultReason, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(caller, accountId, cancellationToken) is null)
        {
            return AccountPauseOutcome.NotFound;
        }

        var text = string.IsNullOrWhiteSpace(reason) ? defaultReason : reason.Trim();
        if (text.Length > MaxReason)
        {
            return AccountPauseOutcome.Invalid($"reason is {text.Length} characters long; at most {MaxReason} are allowed.");
        }

        var (result, pause) = await suspensions.SuspendAsync(new SuspendRequest("account", accountId, text, null), caller.Id, cancellationToken);
        return result.Succeeded ? AccountPauseOutcome.Done(pause!) : AccountPauseOutcome.Conflict(result.ConflictReason!);
    }

    public async Task<AccountPauseOutcome> ResumeAsync(Caller caller, string accountId, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(caller, accountId, cancellationToken) is null)
        {
            return AccountPauseOutcome.NotFound;
        }

        if (!caller.IsEditor && await PauseOfAsync(accountId, cancellationToken) is { } pause
            && (pause.SuspendedBy == Audit.Auditor.System || await users.GetAsync(pause.SuspendedBy, cancellationToken) is not { Role: not UserRole.Editor }))
        {
            return AccountPauseOutcome.EditorsPause;
        }

        var (result, resumed) = await suspensions.ResumeAsync(Key(accountId), caller.Id, cancellationToken);
        return result.Succeeded ? AccountPauseOutcome.Done(resumed!) : AccountPauseOutcome.Conflict(result.ConflictReason!);
    }

    private async Task<Account?> VisibleAsync(Caller caller, string accountId, CancellationToken cancellationToken) =>
        await accounts.GetAsync(accountId, cancellationToken) is { } account && caller.Sees(account.Opd) ? account : null;

    private static string Key(string accountId) => SuspensionScopes.Key(SuspensionScope.Account, accountId);
}
