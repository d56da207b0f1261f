using Broker.Audit;
using Broker.Intake;

namespace Broker.Pages.Items;

/// <summary>
/// An item's versions for its page, each with the review decisions taken on it: a decision belongs to the latest version
/// stored before it (the audit entry of the decision and the revision carry their times).
/// </summary>
public sealed record VersionHistory(IReadOnlyList<VersionHistory.Version> Versions)
{
    public sealed record Decision(ItemStatus Outcome, string Actor, DateTimeOffset At, string? Detail);

    public sealed record Version(int Number, ItemRevision Revision, IReadOnlyList<Decision> Decisions);

    private static readonly Dictionary<string, ItemStatus> Outcomes = new(StringComparer.Ordinal)
    {
        ["item.approved"] = ItemStatus.Approved,
        ["item.sentBack"] = ItemStatus.SentBack,
        ["item.rejected"] = ItemStatus.Rejected,
        ["item.retracted"] = ItemStatus.Retracted,
    };

    public static VersionHistory Of(IReadOnlyList<ItemRevision> revisions, IEnumerable<AuditEntry> trail)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var ordered = revisions.OrderBy(r => r.ItemVersion).ToList();
        var decisions = ordered.Select(_ => new List<Decision>()).ToList();
        foreach (var entry in trail.OrderBy(e => e.At))
        {
            var on = ordered.FindLastIndex(r => r.At <= entry.At);
            if (on >= 0 && Outcomes.TryGetValue(entry.Action, out var outcome))
            {
                decisions[on].Add(new Decision(outcome, entry.Actor, entry.At, entry.Detail));
            }
        }

        return new VersionHistory([.. ordered.Select((r, i) => new Version(i + 1, r, decisions[i]))]);
    }
}
