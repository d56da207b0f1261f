using Broker.Dispatch;
using Broker.Engagement;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Reports;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Engagement;

/// <summary>The engagement report against a data set whose answers are worked out by hand.</summary>
public sealed class EngagementReportTests
{
    private const string Nip = "198703152010011002";

    [Fact]
    public async Task The_engagement_figures_per_opd_channel_and_item_match_a_data_set_with_known_answers()
    {
        await using var world = await EngagementWorld.StartAsync(s => s["Engagement:Enabled"] = "false");
        await world.Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await world.Scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        var dinkesFacebook = await world.Scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var dinkesX = await world.Scenario.CreateAccountAsync("dinkes", "x", "2000002");
        var dishubFacebook = await world.Scenario.CreateAccountAsync("dishub", "facebook", "3000001");
        var posyandu = await world.PublishAsync("dinkes", [dinkesFacebook, dinkesX], "Posyandu keliling");
        var jalan = await world.PublishAsync("dishub", [dishubFacebook], "Penutupan jalan");
        var deliveries = world.Scenario.Broker.Services.GetRequiredService<IDeliveryStore>();
        var sent = (await deliveries.ListByItemsAsync([posyandu, jalan], CancellationToken.None)).ToDictionary(d => d.AccountId);

        // Each delivery read at 1 h and 24 h; the report takes the latest. Hand-worked totals per item:
        // Posyandu: reach 200 + 50, views 300 + 50, interactions 20 + 5, 3 ASN clicks → 3 / 250 = 0.012.
        // Penutupan jalan: reach 400, views 500, interactions 40, no clicks → first in the top items.
        await ReadAsync(world, sent[dinkesFacebook], (10, 10, 1), (200, 300, 20));
        await ReadAsync(world, sent[dinkesX], (5, 5, 1), (50, 50, 5));
        await ReadAsync(world, sent[dishubFacebook], (30, 40, 4), (400, 500, 40));
        await NativeAsync(world, dinkesFacebook, "dinkes", "2000001_77", 100, 10);
        await NativeAsync(world, dinkesFacebook, "dinkes", sent[dinkesFacebook].RemotePostId!, 9999, 9999); // the broker's own post: never counted
        await ClicksAsync(world, posyandu, "dinkes", 3);

        var report = await world.Scenario.Api.GetJsonAsync("/api/reports/engagement");

        var dinkes = report["opds"]!.AsArray().Single(o => o!.Str("opd") == "dinkes")!;
        Assert.Equal((2, 1, 250, 350, 25, 100, 10, 3), (Int(dinkes, "brokerPosts"), Int(dinkes, "nativePosts"), Int(dinkes, "reach"), Int(dinkes, "views"),
            Int(dinkes, "interactions"), Int(dinkes, "nativeReach"), Int(dinkes, "nativeInteractions"), Int(dinkes, "asnClicks")));
        var dishub = report["opds"]!.AsArray().Single(o => o!.Str("opd") == "dishub")!;
        Assert.Equal((1, 0, 400, 40), (Int(dishub, "brokerPosts"), Int(dishub, "nativePosts"), Int(dishub, "reach"), Int(dishub, "interactions")));
        var x = report["channels"]!.AsArray().Single(c => c!.Str("accountId") == dinkesX)!;
        Assert.Equal((1, 0, 50, 5), (Int(x, "brokerPosts"), Int(x, "nativePosts"), Int(x, "reach"), Int(x, "interactions")));
        var top = report["top"]!.AsArray();
        Assert.Equal([jalan, posyandu], top.Select(i => i!.Str("itemId")));
        Assert.Equal(0.012, top[1]!["asnClicksPerReach"]!.GetValue<double>(), 6);
        Assert.Equal(0, top[0]!["asnClicksPerReach"]!.GetValue<double>());

        var csv = CsvRows.Parse(await world.Scenario.Api.GetStringAsync(new Uri("/api/reports/engagement?format=csv&table=top", UriKind.Relative)));
        Assert.Equal(["rank", "itemId", "title", "opd", "posts", "reach", "views", "interactions", "asnClicks", "asnClicksPerReach"], csv.Header);
        Assert.Equal(["1", jalan, "Penutupan jalan", "dishub", "1", "400", "500", "40", "0"], csv.Rows[0].Take(9));
    }

    private static int Int(System.Text.Json.Nodes.JsonNode node, string name) => node[name]!.GetValue<int>();

    private static async Task ReadAsync(EngagementWorld world, Delivery delivery, (long Reach, long Views, long Interactions) hour, (long Reach, long Views, long Interactions) day)
    {
        var published = delivery.PublishedAt!.Value;
        var reads = new[] { (TimeSpan.FromHours(1), hour), (TimeSpan.FromHours(24), day) }.Select(r => new MetricsRead
        {
            Id = MetricsRead.IdOf(delivery.Id, r.Item1),
            DeliveryId = delivery.Id,
            ItemId = delivery.ItemId,
            AccountId = delivery.AccountId,
            Platform = delivery.Platform,
            RemotePostId = delivery.RemotePostId!,
            PublishedAt = published,
            AgeMinutes = (int)r.Item1.TotalMinutes,
            DueAt = published + r.Item1,
            Status = MetricsReadStatus.Done,
            Totals = new EngagementTotals { Reach = r.Item2.Reach, Views = r.Item2.Views, Interactions = r.Item2.Interactions },
        }).ToList();
        await world.Store.AddReadsAsync(reads, CancellationToken.None);
    }

    private static Task NativeAsync(EngagementWorld world, string account, string opd, string postId, long reach, long interactions) =>
        world.Store.SaveNativeAsync(
            new NativePost
            {
                Id = NativePost.IdOf(account, postId),
                AccountId = account,
                Opd = opd,
                Platform = "facebook",
                PlatformPostId = postId,
                PublishedAt = world.Clock.GetUtcNow().AddHours(-2),
                Totals = new EngagementTotals { Reach = reach, Views = reach, Interactions = interactions },
                FirstSeenAt = world.Clock.GetUtcNow(),
                UpdatedAt = world.Clock.GetUtcNow(),
            },
            CancellationToken.None);

    private static async Task ClicksAsync(EngagementWorld world, string itemId, string opd, int count)
    {
        var services = world.Scenario.Broker.Services;
        var link = await services.GetRequiredService<IShareLinkStore>().GetOrAddAsync(
            new ShareLink { Id = "abcDEF1234", Key = ShareLink.KeyOf(Nip, itemId), Nip = Nip, ItemId = itemId, Opd = opd, CreatedAt = world.Clock.GetUtcNow() },
            CancellationToken.None);
        var at = world.Clock.GetUtcNow().AddMinutes(-5);
        await services.GetRequiredService<IClickStore>().AddAllAsync(
            [.. Enumerable.Range(1, count).Select(i => new Click(link.Id, itemId, 0, (UInt128)i, at))], CancellationToken.None);
    }
}
