#if !ON_POSTGRESQL
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Broker.Dispatch;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Storage.Contract;
using Broker.Pages.Deliveries;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Pages;

/// <summary>
/// The calendar shows each day's first deliveries and links to the whole day, which pages in due order. It runs on LiteDB
/// only: the due-range paging it stands on is proven on both providers by the delivery store contract.
/// </summary>
public sealed partial class CalendarPageTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    // Midday in the installation's zone (UTC+7 at most), so every delivery falls on the day whatever the zone.
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_busy_day_shows_its_first_deliveries_in_the_week_and_pages_through_all_of_them_on_its_own_page()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var account = await scenario.CreateAccountAsync("diskominfo", "facebook", "5000001");
        var deliveries = scenario.Broker.Services.GetRequiredService<IDeliveryStore>();
        var count = CalendarModel.DayPageSize + 1;
        await deliveries.AddManyAsync(
            [.. Enumerable.Range(0, count).Select(i => Published($"busy-{i:D3}", account, Morning.AddMinutes(i))), Published("next-day", account, Morning.AddDays(1))],
            CancellationToken.None);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var week = await TextAsync(editor, $"/jadwal?dari={Date(Day)}");
        Assert.Equal(CalendarModel.PerDay + 1, Shown(week).Count); // the busy day's first ones, and the next day's one
        Assert.Equal(["busy-000", $"busy-{CalendarModel.PerDay - 1:D3}", "next-day"], [Shown(week)[0], Shown(week)[^2], Shown(week)[^1]]);
        Assert.Contains($"href=\"/jadwal?hari={Date(Day)}\"", week, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/jadwal?hari={Date(Day.AddDays(1))}\"", week, StringComparison.Ordinal);

        var first = await TextAsync(editor, $"/jadwal?hari={Date(Day)}");
        Assert.Equal([.. Enumerable.Range(0, CalendarModel.DayPageSize).Select(i => $"busy-{i:D3}")], Shown(first));
        var next = NextLink().Match(first);
        Assert.True(next.Success, "the day's first page links to the next");

        // A delivery moved to the start of the day after the first page was read neither repeats nor hides the rest.
        await deliveries.AddManyAsync([Published("early", account, Morning.AddHours(-1))], CancellationToken.None);
        var second = await TextAsync(editor, WebUtility.HtmlDecode(next.Groups[1].Value));
        Assert.Equal([$"busy-{count - 1:D3}"], Shown(second));
        Assert.False(NextLink().IsMatch(second), "the day's last page links nowhere");
    }

    [Fact]
    public async Task A_past_day_pages_through_its_archived_and_working_deliveries_in_one_due_order()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var account = await scenario.CreateAccountAsync("diskominfo", "facebook", "5000001");
        var (items, deliveries) = (scenario.Broker.Services.GetRequiredService<IItemStore>(), scenario.Broker.Services.GetRequiredService<IDeliveryStore>());
        var count = CalendarModel.DayPageSize + 30;
        for (var i = 0; i < count; i += 2)
        {
            var item = Populated.Item($"old-{i:D3}", ItemStatus.Published, createdAt: Morning.AddDays(-1));
            item.UpdatedAt = Morning;
            await items.AddAsync(item, CancellationToken.None);
        }

        // Every other minute archived, and two at each minute (their order is their ids'), so the pages cut through both.
        await deliveries.AddManyAsync(
            [.. Enumerable.Range(0, count).Select(i => Published(i % 2 == 0 ? $"old-{i:D3}" : $"new-{i:D3}", account, Morning.AddMinutes(i / 4)))],
            CancellationToken.None);
        var archive = scenario.Broker.Services.GetRequiredService<IArchiveStore>();
        for (PageCursor? after = null; ;)
        {
            var batch = await archive.ArchiveAsync(Morning.AddDays(1), after, 50, CancellationToken.None);
            if ((after = batch.Next) is null)
            {
                break;
            }
        }

        Assert.Equal((count + 1) / 2, (await archive.ListCreatedAsync(Morning.AddDays(-2), Morning, null, 1_000, CancellationToken.None)).Count);
        var expected = Enumerable.Range(0, count).Select(i => (At: i / 4, Id: i % 2 == 0 ? $"old-{i:D3}" : $"new-{i:D3}"))
            .OrderBy(d => d.At).ThenBy(d => "d-" + d.Id, StringComparer.Ordinal).Select(d => d.Id).ToList();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var week = await TextAsync(editor, $"/jadwal?dari={Date(Day)}");
        Assert.Equal(expected.Take(CalendarModel.PerDay), Shown(week));
        var seen = new List<string>();
        for (var path = $"/jadwal?hari={Date(Day)}"; ;)
        {
            var page = await TextAsync(editor, path);
            seen.AddRange(Shown(page));
            var next = NextLink().Match(page);
            if (!next.Success)
            {
                break;
            }

            path = WebUtility.HtmlDecode(next.Groups[1].Value);
        }

        Assert.Equal(expected, seen);
    }

    private static Delivery Published(string itemId, string account, DateTimeOffset at) => new()
    {
        Id = "d-" + itemId,
        ItemId = itemId,
        AccountId = account,
        Platform = "facebook",
        Status = DeliveryStatus.Published,
        ScheduledAt = at,
        DueAt = at,
        PublishedAt = at,
        Text = "isi",
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static async Task<string> TextAsync(PageSession session, string path)
    {
        using var answer = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    private static List<string> Shown(string page) => [.. ItemLink().Matches(page).Select(m => m.Groups[1].Value)];

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("href=\"/konten/([^\"]+)\"")]
    private static partial Regex ItemLink();

    [GeneratedRegex("href=\"(/jadwal\\?hari=[0-9-]+&amp;setelah=[^\"]+)\"")]
    private static partial Regex NextLink();
}
#endif
