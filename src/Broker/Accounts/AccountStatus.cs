namespace Broker.Accounts;

public enum AccountStatus
{
    Active,
    NeedsReauth,
}
