using Broker.Dispatch;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Bench.Infrastructure;

/// <summary>What the broker's LiteDB file says after a run, read once the broker process has exited.</summary>
internal sealed record Census(IReadOnlyDictionary<DeliveryStatus, int> ByStatus, IReadOnlyList<Delivery> Published, long FileBytes)
{
    public int Count(DeliveryStatus status) => ByStatus.GetValueOrDefault(status);

    public DateTimeOffset? LastPublishedAt => Published.Count == 0 ? null : Published.Max(d => d.PublishedAt);

    public string Summary => string.Join(", ", ByStatus.Where(s => s.Value > 0).Select(s => $"{Naming.Camel(s.Key)} {s.Value:N0}"));

    public static Census Read(ScratchFolder folder)
    {
        using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = folder.Database }));
        var all = database.Collection<Delivery>("deliveries").FindAll().ToList();
        var byStatus = all.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count());
        var published = all.Where(d => d.Status == DeliveryStatus.Published).ToList();
        foreach (var delivery in published)
        {
            // Only the timing is kept: the texts of 100,000 deliveries are not needed once counted.
            delivery.Text = "";
        }

        database.Checkpoint();
        return new Census(byStatus, published, Seeder.SizeOf(folder));
    }
}
