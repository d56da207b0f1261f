#if !ON_POSTGRESQL
using System.Security.Cryptography;
using Broker.Dispatch;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// On LiteDB every write takes a turn of one writer; a photo is stored a chunk per turn, so a burst of deliveries due
/// while 8 MB photos are being stored goes out on time. The bound is generous (a loaded machine); the benchmark gives
/// the figure.
/// </summary>
public sealed class UploadBesideBurstTests(ITestOutputHelper output)
{
    private const int Deliveries = 40;

    [Fact]
    public async Task Photos_of_8_mb_stored_during_a_burst_of_deliveries_do_not_make_them_late()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            accounts.Add(await scenario.CreateAccountAsync("diskominfo", "facebook", $"100000{i}"));
        }

        var due = TimeProvider.System.GetUtcNow().AddSeconds(6);
        var items = new List<string>();
        for (var i = 0; i < Deliveries; i++)
        {
            var id = await scenario.SubmitItemAsync("diskominfo", [accounts[i % accounts.Count]], title: $"Kabar {i}", publishAt: due);
            await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
            items.Add(id);
        }

        // Photos are stored from before the burst is due until it is over.
        var media = scenario.Broker.Services.GetRequiredService<IMediaStore>();
        using var stop = new CancellationTokenSource();
        var uploads = Task.Run(async () =>
        {
            var stored = 0;
            var bytes = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid().ToString("N");
                await media.AddAsync(new MediaRecord { Id = id, ContentType = "image/jpeg", Bytes = bytes.Length, Width = 10, Height = 10, CreatedAt = TimeProvider.System.GetUtcNow() }, new MemoryStream(bytes), CancellationToken.None);
                stored++;
            }

            return stored;
        });

        foreach (var id in items)
        {
            await scenario.WaitForItemStatusAsync(id, "published", TimeSpan.FromSeconds(60));
        }

        await stop.CancelAsync();
        var photos = await uploads;
        var deliveries = await scenario.Broker.Services.GetRequiredService<IDeliveryStore>().ListByItemsAsync(items, CancellationToken.None);
        var lateness = deliveries.Select(d => (d.FirstAttemptAt!.Value - d.DueAt).TotalMilliseconds).Order().ToList();
        output.WriteLine($"{photos} photos of 8 MB stored; lateness of the first attempt: median {lateness[lateness.Count / 2]:F0} ms, max {lateness[^1]:F0} ms");
        Assert.True(photos >= 1, "no photo was stored during the burst");
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Published, d.Status));
        Assert.True(lateness[^1] < 2000, $"a delivery was attempted {lateness[^1]:F0} ms late");
    }
}
#endif
