using Broker.Accounts;

namespace Broker.Dispatch;

/// <summary>The reasons a delivery is held, worded for the editor who must act, each with its stable code.</summary>
internal static class HoldReasons
{
    public const string ReauthPrefix = "Account needs re-authorisation: ";

    public const string StalePrefix = "Stale: ";

    public static HoldReason Reauthorization(Account account) => Reauthorization(account.StatusReason ?? "credentials were refused");

    public static HoldReason Reauthorization(string reason) => new(DeliveryReasonCodes.Reauthorization, ReauthPrefix + reason);

    public static HoldReason Stale(DateTimeOffset dueAt, TimeSpan window) => new(
        DeliveryReasonCodes.StaleWhileDown,
        $"{StalePrefix}it was due at {dueAt:u} while the broker was down, more than {window} ago; an editor must retry or cancel it.");

    public static HoldReason StaleAfterSuspension(DateTimeOffset dueAt, TimeSpan window) => new(
        DeliveryReasonCodes.StaleWhileSuspended,
        $"{StalePrefix}it was due at {dueAt:u} while publishing was suspended, more than {window} ago; an editor must retry or cancel it.");
}
