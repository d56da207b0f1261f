using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// Which items a paged list shows, in creation order (newest first unless <see cref="OldestFirst"/>); a null filter
/// takes all. <see cref="SubmittedBy"/> narrows to one reporter's items.
/// </summary>
public sealed record ItemListQuery(ItemStatus? Status = null, string? Opd = null, string? SubmittedBy = null, bool OldestFirst = false)
{
    /// <summary>Whether the list takes every item: a page of it is every working item made within its span.</summary>
    public bool TakesAll => Status is null && Opd is null && SubmittedBy is null;
}
