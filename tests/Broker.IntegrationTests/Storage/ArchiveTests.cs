#if !ON_POSTGRESQL
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// Archiving on a moved clock, through the real host: the store contract (<c>ArchiveStoreContract</c>) proves the move on
/// both providers; this proves what the users see of it, and that a late retraction brings the item back. It runs on LiteDB only, as it proves nothing storage-specific.
/// </summary>
public sealed class ArchiveTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-06-01T01:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Work_finished_longer_ago_than_the_archive_age_leaves_the_working_lists_but_its_page_reports_and_export_still_have_it()
    {
        var clock = new FakeTimeProvider(Start);
        await using var scenario = await Scenario.StartAsync(clock, settings =>
        {
            settings["Storage:ArchiveAfter"] = "30.00:00:00";
            settings["Storage:ArchiveInterval"] = "01:00:00";
        });
        await scenario.CreateOpdAsync();
        var facebook = await scenario.CreateAccountAsync("diskominfo", "facebook", "5000001");
        var published = await scenario.SubmitItemAsync("diskominfo", [facebook], title: "Kabar yang kini diarsipkan", publishAt: Start.AddMinutes(1));
        await scenario.Api.PostExpectAsync($"/api/items/{published}/approve", null, 200);
        clock.Advance(TimeSpan.FromMinutes(1));
        var delivery = (await scenario.WaitForItemStatusAsync(published, "published"))["deliveries"]![0]!.Str("id");
        var waiting = await scenario.SubmitItemAsync("diskominfo", [facebook]);

        clock.Advance(TimeSpan.FromDays(31));

        await Eventually.WaitAsync(
            async () => (await scenario.Api.GetAllPagesAsync("/api/items?status=published")).Count, n => n == 0, "the published item to leave the working list", TimeSpan.FromSeconds(30));
        Assert.Equal([waiting], (await scenario.Api.GetAllPagesAsync("/api/items")).Select(i => i!.Str("id")));

        var item = await scenario.ItemAsync(published);
        Assert.Equal(("published", delivery, "published"), (item.Str("status"), item["deliveries"]![0]!.Str("id"), item["deliveries"]![0]!.Str("status")));

        var period = $"from={Start.AddDays(-1):yyyy-MM-dd}&to={Start.AddDays(1):yyyy-MM-dd}";
        var report = await scenario.Api.GetJsonAsync($"/api/reports/delivery-health?{period}");
        var account = report["accounts"]!.AsArray().Single(a => a!.Str("accountId") == facebook)!;
        Assert.Equal((1, 1), (account["deliveries"]!.GetValue<int>(), account["published"]!.GetValue<int>()));

        using var export = await scenario.Api.GetAsync(new Uri($"/api/records/export?{period}", UriKind.Relative));
        using var zip = new ZipArchive(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("items.jsonl")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var line = Assert.Single(lines, l => l["item"]!.Str("id") == published);
        Assert.Equal([delivery], line["deliveries"]!.AsArray().Select(d => d!.Str("id")));
        Assert.Contains(lines, l => l["item"]!.Str("id") == waiting);

        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var week = await (await editor.GetAsync($"/jadwal?dari={Start:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        Assert.Contains("Kabar yang kini diarsipkan", week, StringComparison.Ordinal);

        // A hoax found a month on: two editors retract the archived item at once. One wins; the item comes back among
        // the working rows with its delivery, and the post is removed as for any retraction.
        Race.AssertOneWinner(await Race.RunAsync(2, _ => scenario.Api.PostAsJsonAsync($"/api/items/{published}/retract", new { reason = "Ternyata keliru; ditarik." })));
        var retracted = await Eventually.WaitAsync(
            () => scenario.ItemAsync(published), i => i["deliveries"]![0]!.Str("status") == "removed", "the archived item's post to be removed", TimeSpan.FromSeconds(30));
        Assert.Equal(("retracted", "Ternyata keliru; ditarik."), (retracted.Str("status"), retracted.Str("retractReason")));
        Assert.Equal([published], (await scenario.Api.GetAllPagesAsync("/api/items?status=retracted")).Select(i => i!.Str("id")));
    }
}
#endif
