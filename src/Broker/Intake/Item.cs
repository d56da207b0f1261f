namespace Broker.Intake;

/// <summary>A news item: what a reporter or an OPD admin submits and an editor reviews.</summary>
public sealed class Item
{
    public required string Id { get; set; }

    /// <summary>Counts the item's stored changes; a change is written only over the version it was made from (<see cref="Storage.IStateChanges"/>).</summary>
    public long Version { get; set; }

    public required string Opd { get; set; }

    /// <summary>The user who submitted it (a reporter edits only their own items).</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>Everyone who edited the item after it was submitted: none of them approves it (the two-person rule).</summary>
    public List<string> EditedBy { get; set; } = [];

    public required string Title { get; set; }

    public required string Body { get; set; }

    public string? Link { get; set; }

    public DateTimeOffset? EventEndedAt { get; set; }

    public List<string> MediaIds { get; set; } = [];

    public List<string> AccountIds { get; set; } = [];

    /// <summary>When the submitter wishes it published; null means as soon as approved.</summary>
    public DateTimeOffset? PublishAt { get; set; }

    public ItemStatus Status { get; set; }

    public string? ReviewComment { get; set; }

    public string? RejectReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? FirstPublishedAt { get; set; }

    /// <summary>When an editor opened the item for sharing by ASN; null when it is not on the share lists.</summary>
    public DateTimeOffset? SharedAt { get; set; }

    /// <summary>Sharing ends at this time (share links then answer 404); null: no end.</summary>
    public DateTimeOffset? ShareUntil { get; set; }

    /// <summary>The OPDs whose ASN see the item on their share list; empty: every ASN.</summary>
    public List<string> ShareOpds { get; set; } = [];

    /// <summary>The feed entry the item was made from (a subscription); null for an item a person submitted.</summary>
    public ItemSource? Source { get; set; }

    /// <summary>When <c>item.deadline_approaching</c> was raised for it: at most once per item.</summary>
    public DateTimeOffset? DeadlineWarnedAt { get; set; }

    /// <summary>When an editor retracted the item (its posts are removed, its share links answer 410); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }

    public string? RetractedBy { get; set; }

    public string? RetractReason { get; set; }

    /// <summary>The item this one corrects: a correction is a new item, reviewed like any other, linked to the original.</summary>
    public string? CorrectsItemId { get; set; }

    /// <summary>The correction made of this item, if any.</summary>
    public string? CorrectedByItemId { get; set; }
}
