using Broker.Api;
using Broker.Dispatch;
using Broker.Storage;

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

        /// <summary>The broker cancelled it because its item is no longer approved, or was retracted.</summary>
        Cancelled,

        /// <summary>The post was already deleted on the platform.</summary>
        Gone,

        /// <summary>An edit in place did not reach the post: it keeps its earlier text.</summary>
        NotEdited,
    }

    public sealed record Explanation(Kind Kind, string What, string ToDo, string? Raw);

    /// <summary>
    /// Explains by the stored <see cref="Delivery.ErrorCode"/> where the delivery's status agrees with it; a delivery
    /// stored before codes (or whose code a later change left behind) is explained from its English words, as before.
    /// </summary>
    public static Explanation Explain(Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Explain(delivery.Status, delivery.ErrorCode, delivery.Error, delivery.Attempts);
    }

    /// <inheritdoc cref="Explain(Delivery)"/>
    public static Explanation Explain(DeliveryRow delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Explain(delivery.Status, delivery.Attempts?.ErrorCode, delivery.Attempts?.Error, delivery.Attempts?.Count ?? 0);
    }

    private static Explanation Explain(DeliveryStatus status, string? errorCode, string? error, int attempts)
    {
        if (errorCode is { } code && KindOf(code, status) is { } coded && Agrees(coded, status))
        {
            var what = MessageText.Of(UserMessage.Of(code, error ?? code, ("attempts", attempts)));
            return new(coded, what, ToDo(coded), error);
        }

        return Derived(status, error);
    }

    /// <summary>What happened, in the page's language, for a reason known only by its code (a report's group of deliveries).</summary>
    public static string? What(string? code) => code switch
    {
        null => null,
        DeliveryReasonCodes.GaveUp => Text.Reason_GaveUpWhat, // its own words count one delivery's attempts
        _ when KindOf(code, null) is not null => MessageText.Of(new UserMessage(code, code)),
        _ => null,
    };

    private static Kind? KindOf(string code, DeliveryStatus? status) => code switch
    {
        DeliveryReasonCodes.AccountRefused => status == DeliveryStatus.Published ? Kind.NotEdited : Kind.ManualRemoval,
        DeliveryReasonCodes.RemovalNoPostId or DeliveryReasonCodes.RemovalCheckByHand or DeliveryReasonCodes.RemovalUnsupported
            or DeliveryReasonCodes.RemovalRefused or DeliveryReasonCodes.RemovalGaveUp => Kind.ManualRemoval,
        DeliveryReasonCodes.RemovalRetrying or DeliveryReasonCodes.EditRetrying => Kind.Retrying,
        DeliveryReasonCodes.RemovalReauthorization or DeliveryReasonCodes.EditReauthorization => Kind.Reauthorization,
        DeliveryReasonCodes.EditUnsupported or DeliveryReasonCodes.EditRefused or DeliveryReasonCodes.EditGaveUp => Kind.NotEdited,
        DeliveryReasonCodes.AlreadyGone => Kind.Gone,
        DeliveryReasonCodes.Retracted => Kind.Cancelled,
        DeliveryReasonCodes.Reauthorization => Kind.Reauthorization,
        DeliveryReasonCodes.StaleWhileDown or DeliveryReasonCodes.StaleWhileSuspended => Kind.Stale,
        DeliveryReasonCodes.GaveUp or DeliveryReasonCodes.CircuitGaveUp => Kind.GaveUp,
        DeliveryReasonCodes.Refused => Kind.Refused,
        DeliveryReasonCodes.Retrying or DeliveryReasonCodes.RateLimited or DeliveryReasonCodes.CircuitOpen or DeliveryReasonCodes.OutcomeUnknown => Kind.Retrying,
        DeliveryReasonCodes.NotApproved or DeliveryReasonCodes.EditedAfterApproval => Kind.Cancelled,
        _ => null,
    };

    private static bool Agrees(Kind kind, DeliveryStatus status) => kind switch
    {
        Kind.Reauthorization => status is DeliveryStatus.Held or DeliveryStatus.Removing or DeliveryStatus.Editing,
        Kind.Stale => status == DeliveryStatus.Held,
        Kind.GaveUp or Kind.Refused => status == DeliveryStatus.Failed,
        Kind.Retrying => status is DeliveryStatus.Retrying or DeliveryStatus.Scheduled or DeliveryStatus.Removing or DeliveryStatus.Editing,
        Kind.Cancelled => status == DeliveryStatus.Cancelled,
        Kind.ManualRemoval => status == DeliveryStatus.ManualRemovalNeeded,
        Kind.Gone => status == DeliveryStatus.Removed,
        Kind.NotEdited => status == DeliveryStatus.Published,
        _ => false,
    };

    private static string ToDo(Kind kind) => kind switch
    {
        Kind.Reauthorization => Text.Reason_ReauthToDo,
        Kind.Stale => Text.Reason_StaleToDo,
        Kind.GaveUp => Text.Reason_GaveUpToDo,
        Kind.Retrying => Text.Reason_RetryingToDo,
        Kind.ManualRemoval => Text.Reason_ManualRemovalToDo,
        Kind.Cancelled => Text.Reason_CancelledToDo,
        Kind.Gone => Text.Reason_GoneToDo,
        Kind.NotEdited => Text.Reason_NotEditedToDo,
        _ => Text.Reason_RefusedToDo,
    };

    private static Explanation Derived(DeliveryStatus status, string? raw)
    {
        var kind = raw switch
        {
            _ when status == DeliveryStatus.Retrying => Kind.Retrying,
            _ when status == DeliveryStatus.ManualRemovalNeeded => Kind.ManualRemoval,
            _ when status == DeliveryStatus.Published => Kind.NotEdited,
            _ when status == DeliveryStatus.Removed => Kind.Gone,
            _ when raw?.StartsWith(HoldReasons.ReauthPrefix, StringComparison.Ordinal) == true => Kind.Reauthorization,
            _ when raw?.StartsWith(HoldReasons.StalePrefix, StringComparison.Ordinal) == true => Kind.Stale,
            _ when raw?.Contains("(gave up", StringComparison.Ordinal) == true => Kind.GaveUp,
            _ => Kind.Refused,
        };
        var what = kind switch
        {
            Kind.Reauthorization => Text.Reason_ReauthWhat,
            Kind.Stale => Text.Reason_StaleWhat,
            Kind.GaveUp => Text.Reason_GaveUpWhat,
            Kind.Retrying => Text.Reason_RetryingWhat,
            Kind.ManualRemoval => Text.Reason_ManualRemovalWhat,
            Kind.NotEdited => MessageText.Of(new UserMessage(DeliveryReasonCodes.EditRefused, DeliveryReasonCodes.EditRefused)),
            Kind.Gone => MessageText.Of(new UserMessage(DeliveryReasonCodes.AlreadyGone, DeliveryReasonCodes.AlreadyGone)),
            _ => Text.Reason_RefusedWhat,
        };
        return new(kind, what, ToDo(kind), raw);
    }
}
