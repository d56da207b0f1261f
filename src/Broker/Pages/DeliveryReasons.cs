using Broker.Dispatch;

namespace Broker.Pages;

/// <summary>
/// A delivery's failure or hold explained in the page's language: what happened and what to do, by kind; the platform's
/// own words (the stored English <see cref="Delivery.Error"/>) stay available behind a details element.
/// </summary>
public static class DeliveryReasons
{
    public enum Kind
    {
        /// <summary>The platform refused the account's credentials: reconnect the account.</summary>
        Reauthorization,

        /// <summary>It was due while the broker was down or publishing was suspended, too long ago.</summary>
        Stale,

        /// <summary>The attempts ran out, or the circuit stayed open past the deadline.</summary>
        GaveUp,

        /// <summary>The platform refused the post itself.</summary>
        Refused,

        /// <summary>The last attempt did not go through and the broker tries again by itself.</summary>
        Retrying,

        /// <summary>The platform cannot delete the post through its API: a person removes it.</summary>
        ManualRemoval,
    }

    public sealed record Explanation(Kind Kind, string What, string ToDo, string? Raw);

    public static Explanation Explain(Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var raw = delivery.Error;
        var kind = raw switch
        {
            _ when delivery.Status == DeliveryStatus.Retrying => Kind.Retrying,
            _ when delivery.Status == DeliveryStatus.ManualRemovalNeeded => Kind.ManualRemoval,
            _ when raw?.StartsWith(HoldReasons.ReauthPrefix, StringComparison.Ordinal) == true => Kind.Reauthorization,
            _ when raw?.StartsWith(HoldReasons.StalePrefix, StringComparison.Ordinal) == true => Kind.Stale,
            _ when raw?.Contains("(gave up", StringComparison.Ordinal) == true => Kind.GaveUp,
            _ => Kind.Refused,
        };
        return kind switch
        {
            Kind.Reauthorization => new(kind, Text.Reason_ReauthWhat, Text.Reason_ReauthToDo, raw),
            Kind.Stale => new(kind, Text.Reason_StaleWhat, Text.Reason_StaleToDo, raw),
            Kind.GaveUp => new(kind, Text.Reason_GaveUpWhat, Text.Reason_GaveUpToDo, raw),
            Kind.Retrying => new(kind, Text.Reason_RetryingWhat, Text.Reason_RetryingToDo, raw),
            Kind.ManualRemoval => new(kind, Text.Reason_ManualRemovalWhat, Text.Reason_ManualRemovalToDo, raw),
            _ => new(kind, Text.Reason_RefusedWhat, Text.Reason_RefusedToDo, raw),
        };
    }
}
