using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Reports;

public sealed class StaleThresholdTests
{
    [Fact]
    public async Task The_not_updating_threshold_comes_from_configuration()
    {
        var clock = new FakeTimeProvider(ReportWorld.T0);
        await using var scenario = await Scenario.StartAsync(clock, s => s["Reports:StaleAfterDays"] = "14");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        var fb = await scenario.CreateAccountAsync("dishub", "facebook", "3000001");
        var item = await scenario.SubmitItemAsync("dishub", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        clock.Advance(TimeSpan.FromDays(10));
        var tenDays = (await scenario.Api.GetJsonAsync("/api/reports/opd-activity"))["opds"]![0]!;
        Assert.Equal((10, false), (tenDays["daysSinceLastPost"]!.GetValue<int>(), tenDays["notUpdating"]!.GetValue<bool>()));

        clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        var past = (await scenario.Api.GetJsonAsync("/api/reports/opd-activity"))["opds"]![0]!;
        Assert.Equal((14, true), (past["daysSinceLastPost"]!.GetValue<int>(), past["notUpdating"]!.GetValue<bool>()));
        Assert.Equal(14, (await scenario.Api.GetJsonAsync("/api/reports/opd-activity"))["staleAfterDays"]!.GetValue<int>());
    }
}
