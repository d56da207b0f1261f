using Broker.Accounts;

namespace Broker.Dispatch;

/// <summary>The reasons a delivery is held, worded for the editor who must act.</summary>
internal static class HoldReasons
{
    public const string ReauthPrefix = "Account needs re-authorisation: ";

    public const string StalePrefix = "Stale: ";

    public static string Reauthorization(Account account) => ReauthPrefix + (account.StatusReason ?? "credentials were refused");

    public static string Reauthorization(string reason) => ReauthPrefix + reason;

    public static string Stale(DateTimeOffset dueAt, TimeSpan window) =>
        $"{StalePrefix}it was due at {dueAt:u} while the broker was down, more than {window} ago; an editor must retry or cancel it.";

    public static string StaleAfterSuspension(DateTimeOffset dueAt, TimeSpan window) =>
        $"{StalePrefix}it was due at {dueAt:u} while publishing was suspended, more than {window} ago; an editor must retry or cancel it.";
}
