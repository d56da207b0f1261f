using Broker.Access;
using Broker.Api;
using Broker.Dispatch;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Deliveries;

/// <summary>
/// A week of deliveries, day by day in the installation's time zone: each day's first <see cref="PerDay"/> in due order
/// with a link to the whole day (<c>?hari=</c>), which pages through it <see cref="DayPageSize"/> at a time. A city sends
/// thousands a day: the page costs the rows it shows, never the week's or the year's.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class CalendarModel(DeliveryScope scope, LocalTime time, TimeProvider clock) : PageModel
{
    public const int PerDay = 20;

    public const int DayPageSize = 100;

    private static readonly DeliveryStatus[] Shown =
        [DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Publishing, DeliveryStatus.Published, DeliveryStatus.Held];

    /// <summary>The week's first day; in the day view, the day shown.</summary>
    public DateOnly First { get; private set; }

    /// <summary>Whether one whole day is shown (<c>?hari=</c>) rather than a week.</summary>
    public bool OneDay { get; private set; }

    /// <summary>Each day shown, with its rows and, when it has more, where they continue.</summary>
    public IReadOnlyList<(DateOnly Day, IReadOnlyList<DeliveryScope.Row> Rows, PageCursor? More)> Days { get; private set; } = [];

    public async Task OnGetAsync(string? dari, string? hari, string? setelah, CancellationToken cancellationToken)
    {
        if (Parse(hari) is { } day)
        {
            (First, OneDay) = (day, true);
            var after = PageCursor.TryParse(setelah, out var cursor) ? cursor : (PageCursor?)null;
            var page = await scope.ListDueAsync(Caller.Of(User), Shown, [SpanOf(day, after)], DayPageSize, cancellationToken);
            Days = [(day, page[0].Rows, page[0].Next)];
            return;
        }

        First = Parse(dari) ?? time.Today;
        var week = Enumerable.Range(0, 7).Select(First.AddDays).ToList();
        var pages = await scope.ListDueAsync(Caller.Of(User), Shown, [.. week.Select(d => SpanOf(d, null))], PerDay, cancellationToken);
        Days = [.. week.Select((shown, i) => (shown, pages[i].Rows, pages[i].Next))];
    }

    private static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day) && SupportedDates.Contains(day) ? day : null;

    // A delivery is drawn on the day it is due, at its publication once it went out (a few seconds after its due time).
    // A day old enough to hold archived work reads the archive too: work is archived a day after it finished at the earliest
    // (Storage:ArchiveAfter), so a later day's is never read there.
    private DeliveryScope.DueSpan SpanOf(DateOnly day, PageCursor? after)
    {
        var (from, to) = (time.StartOf(day), time.StartOf(day.AddDays(1)));
        return new DeliveryScope.DueSpan(from, to, from < clock.GetUtcNow() - TimeSpan.FromDays(1), after);
    }
}
