namespace Broker.Dispatch;

public enum DeliveryStatus
{
    Scheduled,
    Publishing,
    Retrying,
    Published,
    Failed,
    Held,
    Cancelled,

    /// <summary>Its item was retracted: the post is to be deleted through the adapter (the removal worker's, durable first).</summary>
    Removing,

    /// <summary>The post was deleted (or found gone), or an editor confirmed removing it by hand.</summary>
    Removed,

    /// <summary>The platform cannot delete the post through its API: a person removes it at its permalink, then confirms.</summary>
    ManualRemovalNeeded,

    /// <summary>An editor corrected the published item in place: the post's text is to be replaced through the adapter.</summary>
    Editing,
}
