using Broker.Access;
using Broker.Api;
using Broker.Dispatch;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Deliveries;

/// <summary>A week of deliveries, day by day in the installation's time zone: what is scheduled, and what went out.</summary>
[Authorize(Policy = Policies.Managers)]
public sealed class CalendarModel(DeliveryScope scope, LocalTime time, TimeProvider clock) : PageModel
{
    private static readonly DeliveryStatus[] Shown =
        [DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Publishing, DeliveryStatus.Published, DeliveryStatus.Held];

    private const int PageSize = 500;

    private const int MostShown = 5000;

    /// <summary>How long before its publication a delivery drawn in the week may have been due (retries move the due time on).</summary>
    private static readonly TimeSpan Lead = TimeSpan.FromDays(2);

    public DateOnly First { get; private set; }

    public IReadOnlyList<(DateOnly Day, IReadOnlyList<DeliveryScope.Row> Rows)> Days { get; private set; } = [];

    public async Task OnGetAsync(string? dari, CancellationToken cancellationToken)
    {
        First = DateOnly.TryParseExact(dari, "yyyy-MM-dd", out var start) && SupportedDates.Contains(start) ? start : time.Today;
        var from = time.StartOf(First);
        var to = time.StartOf(First.AddDays(7));
        var rows = (await WeekAsync(from, to, cancellationToken))
            .Select(r => (Row: r, At: r.Delivery.PublishedAt ?? r.Delivery.DueAt))
            .Where(r => r.At >= from && r.At < to)
            .OrderBy(r => r.At)
            .ToLookup(r => time.Day(r.At), r => r.Row);
        Days = [.. Enumerable.Range(0, 7).Select(i => First.AddDays(i)).Select(day => (day, (IReadOnlyList<DeliveryScope.Row>)[.. rows[day]]))];
    }

    /// <summary>
    /// The deliveries due in the week, through the due-time index, and those due up to <see cref="Lead"/> before it that went
    /// out in it (a delivery is drawn at its publication). At most <see cref="MostShown"/>, so the week stays one read.
    /// </summary>
    private async Task<List<DeliveryScope.Row>> WeekAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = new List<DeliveryScope.Row>();
        var query = new DeliveryListQuery(Shown, From: from - Lead, To: to);
        PageCursor? after = null;
        do
        {
            var page = await scope.ListAsync(Caller.Of(User), query, after, PageSize, cancellationToken);
            rows.AddRange(page.Rows);
            after = page.Next;
        }
        while (after is not null && rows.Count < MostShown);

        // A week old enough to hold archived work shows it too (an item is in the working rows or the archive, never both):
        // work is archived a day after it finished at the earliest (Storage:ArchiveAfter), so this week's is never read there.
        if (query.From < clock.GetUtcNow() - TimeSpan.FromDays(1) && rows.Count < MostShown)
        {
            rows.AddRange(await scope.ListArchivedAsync(Caller.Of(User), query, MostShown - rows.Count, cancellationToken));
        }

        return rows;
    }
}
