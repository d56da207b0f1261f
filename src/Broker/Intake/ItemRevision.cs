namespace Broker.Intake;

/// <summary>
/// One version of an item's content as it was stored: written in the same change as the submission, edit or correction
/// that made it, never changed afterwards. The item's history and the records export (UU 14/2008) show every one.
/// </summary>
public sealed class ItemRevision
{
    /// <summary>The item's first content, as submitted (by a person, a feed or an amplification request).</summary>
    public const string Submitted = "submitted";

    /// <summary>The first content of a correction: a new item that corrects a retracted or published one.</summary>
    public const string Correction = "correction";

    /// <summary>Content edited before publication, and so submitted to review again.</summary>
    public const string Edited = "edited";

    /// <summary>A published item's text edited in place on the platforms that allow it.</summary>
    public const string EditedInPlace = "editedInPlace";

    /// <summary><c>{itemId}:{itemVersion}</c>: one revision per stored version of the item, so a change made twice is refused.</summary>
    public required string Id { get; set; }

    public required string ItemId { get; set; }

    /// <summary>The item's <see cref="Item.Version"/> once the change that made this content is stored.</summary>
    public long ItemVersion { get; set; }

    /// <summary><see cref="Submitted"/>, <see cref="Correction"/>, <see cref="Edited"/> or <see cref="EditedInPlace"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The user who made it.</summary>
    public required string By { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public string? Link { get; set; }

    public List<string> MediaIds { get; set; } = [];

    /// <summary>What caused it: the reviewer's comment that sent the item back, or the reason for a correction.</summary>
    public string? Cause { get; set; }

    /// <summary>The revision of <paramref name="item"/> as it is now, to be stored at <paramref name="itemVersion"/>.</summary>
    public static ItemRevision Of(Item item, long itemVersion, string kind, string by, DateTimeOffset at, string? cause)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ItemRevision
        {
            Id = $"{item.Id}:{itemVersion}",
            ItemId = item.Id,
            ItemVersion = itemVersion,
            Kind = kind,
            By = by,
            At = at,
            Title = item.Title,
            Body = item.Body,
            Link = item.Link,
            MediaIds = [.. item.MediaIds],
            Cause = cause,
        };
    }
}
