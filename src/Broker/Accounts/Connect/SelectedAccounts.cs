namespace Broker.Accounts.Connect;

/// <summary>The accounts created or re-authorised by a choice, and the connection it completed.</summary>
public sealed record SelectedAccounts(AccountConnection Connection, IReadOnlyList<Account> Accounts);
