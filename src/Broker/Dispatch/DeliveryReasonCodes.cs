using Broker.Api;

namespace Broker.Dispatch;

/// <summary>
/// The stable codes stored on a delivery (<see cref="Delivery.ErrorCode"/>) beside its English reason: each is a
/// <see cref="MessageCodes"/> code, worded in both languages. A code, once stored, keeps its meaning.
/// </summary>
public static class DeliveryReasonCodes
{
    public const string Reauthorization = MessageCodes.DeliveryReasonReauthorization;
    public const string StaleWhileDown = MessageCodes.DeliveryReasonStaleWhileDown;
    public const string StaleWhileSuspended = MessageCodes.DeliveryReasonStaleWhileSuspended;
    public const string GaveUp = MessageCodes.DeliveryReasonGaveUp;
    public const string CircuitGaveUp = MessageCodes.DeliveryReasonCircuitGaveUp;
    public const string Refused = MessageCodes.DeliveryReasonRefused;
    public const string Retrying = MessageCodes.DeliveryReasonRetrying;
    public const string RateLimited = MessageCodes.DeliveryReasonRateLimited;
    public const string CircuitOpen = MessageCodes.DeliveryReasonCircuitOpen;
    public const string OutcomeUnknown = MessageCodes.DeliveryReasonOutcomeUnknown;
    public const string NotApproved = MessageCodes.DeliveryReasonNotApproved;
    public const string EditedAfterApproval = MessageCodes.DeliveryReasonEditedAfterApproval;

    // Retraction (removal) and edit in place, after publication.
    public const string Retracted = MessageCodes.DeliveryReasonRetracted;
    public const string RemovalNoPostId = MessageCodes.DeliveryReasonRemovalNoPostId;
    public const string RemovalCheckByHand = MessageCodes.DeliveryReasonRemovalCheckByHand;
    public const string RemovalUnsupported = MessageCodes.DeliveryReasonRemovalUnsupported;
    public const string RemovalRefused = MessageCodes.DeliveryReasonRemovalRefused;
    public const string RemovalRetrying = MessageCodes.DeliveryReasonRemovalRetrying;
    public const string RemovalReauthorization = MessageCodes.DeliveryReasonRemovalReauthorization;
    public const string RemovalGaveUp = MessageCodes.DeliveryReasonRemovalGaveUp;
    public const string AlreadyGone = MessageCodes.DeliveryReasonAlreadyGone;
    public const string AccountRefused = MessageCodes.DeliveryReasonAccountRefused;
    public const string EditRetrying = MessageCodes.DeliveryReasonEditRetrying;
    public const string EditReauthorization = MessageCodes.DeliveryReasonEditReauthorization;
    public const string EditUnsupported = MessageCodes.DeliveryReasonEditUnsupported;
    public const string EditRefused = MessageCodes.DeliveryReasonEditRefused;
    public const string EditGaveUp = MessageCodes.DeliveryReasonEditGaveUp;
}
