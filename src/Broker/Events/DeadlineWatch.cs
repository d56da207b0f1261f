using Broker.Audit;
using Broker.Hosting;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Events;

/// <summary>
/// The two-hour rule's warning: an item must be published at most two hours after its event ended. At
/// <see cref="EventsOptions.DeadlineWarningBefore"/> before that deadline an item still on its way (not published, not
/// rejected) raises <c>item.deadline_approaching</c>, once: the warning's time is stored on the item in the same change,
/// over its version, so two nodes or two ticks cannot both raise it.
/// </summary>
internal sealed class DeadlineWatch(
    IItemStore items,
    IStateChanges changes,
    Auditor audit,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<DeadlineWatch> logger) : PeriodicSweep(time, logger)
{
    public static readonly TimeSpan Rule = TimeSpan.FromHours(2);

    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Purpose => "The two-hour deadline check";

    protected override bool RunsAtStart => true;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    /// <summary>Warns of every item whose deadline is within the warning time and not yet past; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var warned = 0;
        foreach (var item in await items.ListDeadlineCandidatesAsync(now - Rule, now - Rule + options.Value.DeadlineWarningBefore, cancellationToken))
        {
            var deadline = item.EventEndedAt!.Value + Rule;
            item.DeadlineWarnedAt = now;
            var change = new StateChange()
                .Update(item)
                .Record(audit.Entry(Auditor.System, "item.deadlineApproaching", "item", item.Id, $"deadline {deadline:u}"))
                .Raise(DomainEvents.Item(EventTypes.ItemDeadlineApproaching, item, now, null, ("deadline", DomainEvents.At(deadline)), ("eventEndedAt", DomainEvents.At(item.EventEndedAt.Value))));
            if (await changes.CommitAsync(change, cancellationToken))
            {
                warned++;
            }
        }

        return warned;
    }
}
