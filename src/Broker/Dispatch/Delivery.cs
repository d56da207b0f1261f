namespace Broker.Dispatch;

/// <summary>One item to one account: the rendered post, its schedule, its attempts and its outcome.</summary>
public sealed class Delivery
{
    public required string Id { get; set; }

    /// <summary>Counts the delivery's stored changes; a change is written only over the version it was made from (<see cref="Storage.IStateChanges"/>).</summary>
    public long Version { get; set; }

    public required string ItemId { get; set; }

    /// <summary>
    /// When its item was created (the item's <see cref="Intake.Item.CreatedAt"/>): items are listed in creation order, so
    /// the deliveries of a page of items are one range of it rather than a look-up per item. Null on a delivery stored
    /// before it was kept, until the store's upgrade writes it.
    /// </summary>
    public DateTimeOffset? ItemCreatedAt { get; set; }

    public required string AccountId { get; set; }

    public required string Platform { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>
    /// The node that last marked it publishing (set in that same commit); null on LiteDB, where there is one node. A claim
    /// of a node that stopped beating is reconciled by another (<see cref="Cluster.DeadNodeSweep"/>).
    /// </summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the delivery is (or was) first due.</summary>
    public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>When the next attempt is due; equals <see cref="ScheduledAt"/> until a retry moves it.</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Attempts that failed transiently; rate-limit waits do not count, so they never exhaust the budget.</summary>
    public int FailedAttempts { get; set; }

    public required string Text { get; set; }

    public string? Link { get; set; }

    public List<string> MediaIds { get; set; } = [];

    public string? RemotePostId { get; set; }

    public string? Permalink { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// The stable code of why it failed, is held, waits or was cancelled (<see cref="DeliveryReasonCodes"/>), which pages
    /// word in the reader's language beside the English <see cref="Error"/>; null on deliveries stored before codes.
    /// </summary>
    public string? ErrorCode { get; set; }

    /// <summary>Sets the reason and its code together, so a code never outlives the words it explains.</summary>
    public void Explain(string? code, string? error)
    {
        ErrorCode = code;
        Error = error;
    }

    /// <summary>An earlier attempt may have reached the platform: look for the post before publishing again.</summary>
    public bool NeedsReconcile { get; set; }

    /// <summary>Values an adapter saved across attempts (e.g. an Instagram container id).</summary>
    public Dictionary<string, string> Progress { get; set; } = [];

    /// <summary>When an operator last asked for it again: retries' deadline counts from here rather than from <see cref="ScheduledAt"/>.</summary>
    public DateTimeOffset? RetriedAt { get; set; }

    public DateTimeOffset? FirstAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Attempts to delete the post after a retraction (<see cref="DeliveryStatus.Removing"/>).</summary>
    public int RemovalAttempts { get; set; }

    /// <summary>When the post was deleted, found gone, or confirmed removed by hand.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The editor who confirmed a manual removal; null when the adapter deleted it.</summary>
    public string? RemovalConfirmedBy { get; set; }

    /// <summary>Attempts to replace the post's text in place (<see cref="DeliveryStatus.Editing"/>).</summary>
    public int EditAttempts { get; set; }

    /// <summary>When the platform last took a corrected text for the post.</summary>
    public DateTimeOffset? EditedAt { get; set; }
}
