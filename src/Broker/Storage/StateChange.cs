using Broker.Accounts;
using Broker.Amplification;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// Writes that belong together: items, deliveries, amplification requests and accounts updated over the version each was
/// read at, items (with their content's versions), deliveries and amplification requests inserted, audit entries, and the
/// events they raise. <see cref="IStateChanges.CommitAsync"/> writes all of them or none.
/// </summary>
public sealed class StateChange
{
    private readonly List<Item> items = [];
    private readonly List<Delivery> updates = [];
    private readonly List<Delivery> inserts = [];
    private readonly List<Item> newItems = [];
    private readonly List<AmplificationRequest> requests = [];
    private readonly List<AmplificationRequest> newRequests = [];
    private readonly List<Account> accounts = [];
    private readonly List<ItemRevision> revisions = [];
    private readonly List<AuditEntry> audit = [];
    private readonly List<DomainEvent> events = [];
    private readonly List<DateTimeOffset> touched = [];

    /// <summary>Items to write, each only if the stored one still has the item's <see cref="Item.Version"/>.</summary>
    public IReadOnlyList<Item> Items => items;

    /// <summary>Deliveries to write, each only if the stored one still has the delivery's <see cref="Delivery.Version"/>.</summary>
    public IReadOnlyList<Delivery> Updates => updates;

    public IReadOnlyList<Delivery> Inserts => inserts;

    public IReadOnlyList<Item> NewItems => newItems;

    /// <summary>Versions of items' content made by this change (an inserted item's first one among them).</summary>
    public IReadOnlyList<ItemRevision> Revisions => revisions;

    /// <summary>Amplification requests to write, each only if the stored one still has the request's <see cref="AmplificationRequest.Version"/>.</summary>
    public IReadOnlyList<AmplificationRequest> Requests => requests;

    public IReadOnlyList<AmplificationRequest> NewRequests => newRequests;

    /// <summary>Accounts to write, each only if the stored one still has the account's <see cref="Account.Version"/>.</summary>
    public IReadOnlyList<Account> Accounts => accounts;

    public IReadOnlyList<AuditEntry> Audit => audit;

    /// <summary>Events caused by this change: written to the outbox in the same commit, so none is lost or invented.</summary>
    public IReadOnlyList<DomainEvent> Events => events;

    /// <summary>
    /// Instants whose days' report figures this change alters beyond what its items and deliveries say today: an item's
    /// event end before an edit moved it (<see cref="LocalDays.Touched"/> marks them dirty with the rest).
    /// </summary>
    public IReadOnlyList<DateTimeOffset> Touched => touched;

    public StateChange Update(Item item)
    {
        items.Add(item);
        return this;
    }

    public StateChange Update(Delivery delivery)
    {
        updates.Add(delivery);
        return this;
    }

    public StateChange Update(AmplificationRequest request)
    {
        requests.Add(request);
        return this;
    }

    public StateChange Update(Account account)
    {
        accounts.Add(account);
        return this;
    }

    public StateChange Insert(AmplificationRequest request)
    {
        newRequests.Add(request);
        return this;
    }

    /// <summary>Inserts a new item with its first revision, so every item ever stored has its first content kept.</summary>
    public StateChange Insert(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        newItems.Add(item);
        var kind = item.CorrectsItemId is null ? ItemRevision.Submitted : ItemRevision.Correction;
        revisions.Add(ItemRevision.Of(item, item.Version, kind, item.SubmittedBy ?? "", item.CreatedAt, null));
        return this;
    }

    /// <summary>A new version of an updated item's content; its <see cref="ItemRevision.ItemVersion"/> is the item's next.</summary>
    public StateChange Insert(ItemRevision revision)
    {
        revisions.Add(revision);
        return this;
    }

    public StateChange Insert(IEnumerable<Delivery> deliveries)
    {
        inserts.AddRange(deliveries);
        return this;
    }

    public StateChange Record(AuditEntry entry)
    {
        audit.Add(entry);
        return this;
    }

    /// <summary>Marks the day of <paramref name="at"/> as changed for the report figures (see <see cref="Touched"/>).</summary>
    public StateChange Touch(DateTimeOffset at)
    {
        touched.Add(at);
        return this;
    }

    public StateChange Raise(DomainEvent domainEvent)
    {
        events.Add(domainEvent);
        return this;
    }
}
