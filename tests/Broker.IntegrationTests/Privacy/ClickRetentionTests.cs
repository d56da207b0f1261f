#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;
using Broker.Reports;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Privacy;

/// <summary>
/// Clicks are purged after Privacy:ClickRetention by the job, on a moved clock, and live on as daily counts: the reports
/// read the same before and after. (LiteDB, for the moved clock; both stores' roll-up is covered by the click store's
/// contract.)
/// </summary>
public sealed class ClickRetentionTests
{
    [Fact]
    public async Task After_the_retention_the_job_purges_the_clicks_and_every_report_reads_the_same_even_after_an_erasure()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s =>
        {
            // A day, not the default 400: the host's own periodic timers (checkpoints, sweeps) fire once per minute moved.
            s["Privacy:ClickRetention"] = "1.00:00:00";
            s["Privacy:PurgeInterval"] = "01:00:00";
        });
        var (item, _) = await AsnPrivacyTests.ClickedAsync(scenario);
        var clicks = scenario.Broker.Services.GetRequiredService<IClickStore>();
        var queries = scenario.Broker.Services.GetRequiredService<ReportQueries>();
        var today = queries.DayOf(clock.GetUtcNow());
        var period = new ReportQuery(new ReportPeriod(queries.StartOf(today), queries.StartOf(today.AddDays(1))), ReportFormat.Json, null, null);
        var report = scenario.Broker.Services.GetRequiredService<AmplificationReport>();
        var before = await report.BuildAsync(period, CancellationToken.None);
        var itemBefore = (await scenario.Api.GetJsonAsync($"/api/items/{item}/clicks")).ToJsonString();
        var exportBefore = (await scenario.Api.GetJsonAsync($"/api/asn/{AsnPrivacyTests.Ani}/export"))["shareLinks"]!.ToJsonString();

        clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(3, clicks.ReadByItem(item).Count());

        // Past the day's end plus the retention: the job's next tick purges the day. Each look then moves the clock an hour
        // on, so that tick comes whenever it was set.
        clock.Advance(TimeSpan.FromDays(2));
        await Eventually.WaitAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromHours(1));
                return Task.FromResult(clicks.ReadByItem(item).Count());
            },
            left => left == 0,
            "the clicks to be purged",
            TimeSpan.FromSeconds(90));

        Assert.Empty(clicks.ReadBetween(null, null));
        var after = await report.BuildAsync(period, CancellationToken.None);
        Assert.Equal((3, 2), (after.Totals.Clicks, after.Totals.Unique));
        Assert.Equal(before.Totals, after.Totals);
        Assert.Equal(before.Asn.Select(a => (a.Nip, a.Clicks, a.Unique)), after.Asn.Select(a => (a.Nip, a.Clicks, a.Unique)));
        Assert.Equal(before.Opds.Select(o => (o.Opd, o.Clicks, o.Unique)), after.Opds.Select(o => (o.Opd, o.Clicks, o.Unique)));
        Assert.Equal(itemBefore, (await scenario.Api.GetJsonAsync($"/api/items/{item}/clicks")).ToJsonString());
        Assert.Equal(exportBefore, (await scenario.Api.GetJsonAsync($"/api/asn/{AsnPrivacyTests.Ani}/export"))["shareLinks"]!.ToJsonString());

        using var erase = await scenario.Api.PostAsync($"/api/asn/{AsnPrivacyTests.Ani}/erase", null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, erase.StatusCode);

        var erased = await scenario.Api.GetJsonAsync($"/api/items/{item}/clicks");
        Assert.Equal((3, 2), (erased["total"]!.GetValue<int>(), erased["unique"]!.GetValue<int>()));
        Assert.Equal(before.Totals, (await report.BuildAsync(period, CancellationToken.None)).Totals);
    }
}
#endif
