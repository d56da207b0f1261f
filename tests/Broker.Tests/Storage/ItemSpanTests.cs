using Broker.Intake;
using Broker.Storage;

namespace Broker.Tests.Storage;

public sealed class ItemSpanTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void A_page_of_items_spans_its_creation_times_counts_its_accounts_and_names_the_items_the_archive_may_take()
    {
        Item[] page =
        [
            Item("published", ItemStatus.Published, At.AddMinutes(5), 3),
            Item("review", ItemStatus.Submitted, At, 2),
            Item("retracted", ItemStatus.Retracted, At.AddMinutes(-7), 1),
            Item("approved", ItemStatus.Approved, At.AddMinutes(1), 4),
        ];

        var span = ItemSpan.Of(page, whole: true);

        Assert.Equal(["published", "review", "retracted", "approved"], span.Ids);
        Assert.Equal((At.AddMinutes(-7), At.AddMinutes(5), 10), (span.From, span.To, span.Accounts));
        Assert.True(span.Whole);
        Assert.Equal(["published", "retracted"], span.Archivable!.Order(StringComparer.Ordinal));
        Assert.False(ItemSpan.Of(page).Whole);
        Assert.Empty(ItemSpan.Of(Array.Empty<Item>()).Ids);
    }

    [Fact]
    public void Only_a_list_with_no_filter_takes_every_item()
    {
        Assert.True(new ItemListQuery().TakesAll);
        Assert.True(new ItemListQuery(OldestFirst: true).TakesAll);
        Assert.False(new ItemListQuery(ItemStatus.Published).TakesAll);
        Assert.False(new ItemListQuery(Opd: "dinkes").TakesAll);
        Assert.False(new ItemListQuery(SubmittedBy: "reporter-1").TakesAll);
    }

    private static Item Item(string id, ItemStatus status, DateTimeOffset createdAt, int accounts) => new()
    {
        Id = id,
        Opd = "dinkes",
        Title = id,
        Body = "Isi",
        Status = status,
        AccountIds = [.. Enumerable.Range(0, accounts).Select(a => $"acc-{a}")],
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };
}
