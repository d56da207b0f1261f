#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;
using Broker.Reports;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Privacy;

/// <summary>
/// Visitor hashes are purged after Privacy:ClickRetention by the job, on a moved clock; the counts stay. (LiteDB, for the
/// moved clock; the PostgreSQL statement is covered by the click store's contract.)
/// </summary>
public sealed class ClickRetentionTests
{
    [Fact]
    public async Task After_the_retention_the_job_purges_visitor_hashes_and_the_report_counts_are_unchanged()
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
        var hashes = clicks.ReadByItem(item).Select(c => c.Visitor).ToHashSet();
        var period = new ReportQuery(new ReportPeriod(clock.GetUtcNow().AddDays(-1), clock.GetUtcNow().AddDays(1)), ReportFormat.Json, null, null);
        var report = scenario.Broker.Services.GetRequiredService<AmplificationReport>();
        var before = await report.BuildAsync(period, CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(hashes, clicks.ReadByItem(item).Select(c => c.Visitor).ToHashSet());
        clock.Advance(TimeSpan.FromHours(5));

        // Each look moves the clock an hour on, so the job's next wake-up comes whenever it was set.
        await Eventually.WaitAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromHours(1));
                return Task.FromResult(clicks.ReadByItem(item).Select(c => c.Visitor).ToList());
            },
            now => now.Count == 3 && !now.Any(hashes.Contains),
            "the visitor hashes to be purged");
        var after = await report.BuildAsync(period, CancellationToken.None);
        Assert.Equal(before.Totals, after.Totals);
        Assert.Equal(before.Asn.Select(a => (a.Nip, a.Clicks, a.Unique)), after.Asn.Select(a => (a.Nip, a.Clicks, a.Unique)));
        var tally = new ClickTally();
        foreach (var click in clicks.ReadByItem(item))
        {
            tally.Add(click.Visitor);
        }

        Assert.Equal(2, tally.Counts.Unique);
    }
}
#endif
