using Broker.Access;
using Broker.Accounts;
using Broker.Intake;
using Broker.Reports;
using Broker.Review;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broker.Pages.Reviewing;

/// <summary>The items waiting for review, oldest first: every OPD's for editors, their own OPD's for OPD admins.</summary>
[Authorize(Policy = Policies.Managers)]
public sealed class ReviewQueueModel(IItemStore items, IOpdStore opds, ReviewService review, IOptions<ReportsOptions> reports) : PageModel
{
    public sealed record Entry(ItemSummary Item, string OpdName, string? CannotReview);

    public const int PageSize = 50;

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    /// <summary>Where the next page starts; null on the last.</summary>
    public PageCursor? Next { get; private set; }

    public TimeSpan PublishWithin => reports.Value.PublishWithin;

    public async Task OnGetAsync(string? setelah, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        var names = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var query = new ItemListQuery(ItemStatus.Submitted, caller.ScopeOpd(null), OldestFirst: true);
        // The fields shown only: a page of items read whole carried their bodies (up to 100,000 characters each).
        var page = await items.ListSummariesAsync(query, PageCursor.TryParse(setelah, out var after) ? after : null, PageSize, cancellationToken);
        Next = page.Next;
        var entries = new List<Entry>();
        var accounts = new Dictionary<string, Account?>(StringComparer.Ordinal);
        foreach (var item in page.Rows.Where(caller.SeesItem))
        {
            entries.Add(new Entry(item, names.GetValueOrDefault(item.Opd, item.Opd), (await review.WhyCannotReviewAsync(caller, item, accounts, cancellationToken)) is { } why ? MessageText.Of(why) : null));
        }

        Entries = entries;
    }
}
