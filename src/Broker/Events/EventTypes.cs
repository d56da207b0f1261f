namespace Broker.Events;

/// <summary>The names of the events the broker raises. They are a contract for webhook subscribers: never rename one.</summary>
public static class EventTypes
{
    public const string ItemSubmitted = "item.submitted";
    public const string ItemSentBack = "item.sent_back";
    public const string ItemApproved = "item.approved";
    public const string ItemRejected = "item.rejected";
    public const string ItemPublished = "item.published";
    public const string ItemFailed = "item.failed";
    public const string ItemOpenedForSharing = "item.opened_for_sharing";
    public const string ItemRetracted = "item.retracted";
    public const string ItemEditedInPlace = "item.edited_in_place";
    public const string ItemDeadlineApproaching = "item.deadline_approaching";

    public const string DeliveryPublished = "delivery.published";
    public const string DeliveryFailed = "delivery.failed";
    public const string DeliveryHeld = "delivery.held";

    public const string AccountNeedsReauthorization = "account.needs_reauthorization";
    public const string AccountCircuitOpened = "account.circuit_opened";

    public const string AmplificationRequested = "amplification.requested";
    public const string AmplificationDecided = "amplification.decided";

    public const string PublishingSuspended = "publishing.suspended";
    public const string PublishingResumed = "publishing.resumed";

    public const string WebhookDisabled = "webhook.disabled";
}
