using Broker.Access;
using Broker.Accounts;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>
/// Who may see which deliveries, for the API and the pages alike: an editor every account's, an OPD admin only those of
/// their OPD's accounts.
/// </summary>
public sealed class DeliveryVisibility(IAccountStore accounts)
{
    /// <summary>The accounts whose deliveries <paramref name="caller"/> sees.</summary>
    public Task<IReadOnlyList<Account>> AccountsAsync(Caller caller, CancellationToken cancellationToken) =>
        accounts.ListAsync(caller.IsEditor ? null : caller.Opd, cancellationToken);

    /// <summary><paramref name="query"/> as <paramref name="caller"/> may run it (an editor's as asked; the accounts are read only for others).</summary>
    public async Task<DeliveryListQuery> ScopeAsync(Caller caller, DeliveryListQuery query, CancellationToken cancellationToken) =>
        caller.IsEditor ? query : Narrow(caller, query, await AccountsAsync(caller, cancellationToken));

    /// <summary><paramref name="query"/> limited to <paramref name="visible"/>, the accounts <see cref="AccountsAsync"/> gave, unless the caller is an editor.</summary>
    public static DeliveryListQuery Narrow(Caller caller, DeliveryListQuery query, IEnumerable<Account> visible) =>
        caller.IsEditor ? query : query with { AccountIds = [.. visible.Select(a => a.Id)] };

    /// <summary>Whether <paramref name="caller"/> sees a delivery of <paramref name="account"/> (null: an account gone).</summary>
    public static bool Sees(Caller caller, Account? account) => caller.IsEditor || (account is not null && caller.Sees(account.Opd));
}
