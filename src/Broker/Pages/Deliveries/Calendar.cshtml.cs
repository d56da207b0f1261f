using Broker.Access;
using Broker.Api;
using Broker.Dispatch;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Deliveries;

/// <summary>A week of deliveries, day by day in the installation's time zone: what is scheduled, and what went out.</summary>
[Authorize(Policy = Policies.Managers)]
public sealed class CalendarModel(DeliveryScope scope, LocalTime time) : PageModel
{
    private static readonly DeliveryStatus[] Shown =
        [DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Publishing, DeliveryStatus.Published, DeliveryStatus.Held];

    public DateOnly First { get; private set; }

    public IReadOnlyList<(DateOnly Day, IReadOnlyList<DeliveryScope.Row> Rows)> Days { get; private set; } = [];

    public async Task OnGetAsync(string? dari, CancellationToken cancellationToken)
    {
        First = DateOnly.TryParseExact(dari, "yyyy-MM-dd", out var start) && SupportedDates.Contains(start) ? start : time.Today;
        var from = time.StartOf(First);
        var to = time.StartOf(First.AddDays(7));
        var rows = (await scope.ListAsync(Caller.Of(User), Shown, cancellationToken))
            .Select(r => (Row: r, At: r.Delivery.PublishedAt ?? r.Delivery.DueAt))
            .Where(r => r.At >= from && r.At < to)
            .OrderBy(r => r.At)
            .ToLookup(r => time.Day(r.At), r => r.Row);
        Days = [.. Enumerable.Range(0, 7).Select(i => First.AddDays(i)).Select(day => (day, (IReadOnlyList<DeliveryScope.Row>)[.. rows[day]]))];
    }
}
