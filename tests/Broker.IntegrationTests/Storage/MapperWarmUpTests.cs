using System.Reflection;
using Broker.Dispatch;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// LiteDB 5.0.21 lists a type's mapping before it has filled it in, and looks mappings up without a lock: the first
/// reads of a type on several threads at once could see it half made ("Collection was modified"), and a dispatch that
/// threw there left its delivery scheduled with no wake-up. The broker's mapper is made with every stored type mapped.
/// </summary>
public sealed class MapperWarmUpTests
{
    [Fact]
    public async Task The_first_reads_of_a_stored_type_on_many_threads_at_once_all_succeed()
    {
        var document = BrokerDatabase.CreateMapper().ToDocument(new Delivery
        {
            Id = "d1",
            ItemId = "i1",
            AccountId = "a1",
            Platform = "facebook",
            Text = "Teks",
            MediaIds = ["m1"],
            Progress = new() { ["k"] = "v" },
        });
        var failures = 0;
        string? first = null;
        for (var round = 0; round < 100; round++)
        {
            var mapper = BrokerDatabase.CreateMapper();
            using var start = new Barrier(8);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    var delivery = mapper.ToObject<Delivery>(document);
                    Assert.Equal("facebook", delivery.Platform);
                    Assert.Equal(["m1"], delivery.MediaIds);
                }
                catch (Exception ex) when (ex is InvalidOperationException or Xunit.Sdk.XunitException or NullReferenceException)
                {
                    Interlocked.Increment(ref failures);
                    first ??= ex.Message;
                }
            })));
        }

        Assert.True(failures == 0, $"{failures} reads failed, first: {first}");
    }

    [Fact]
    public void Every_type_a_store_keeps_is_mapped_when_the_mapper_is_made()
    {
        var stored = typeof(BrokerDatabase).Assembly.GetTypes()
            .Select(t => t.BaseType)
            .Where(b => b is { IsGenericType: true } && b.GetGenericTypeDefinition() == typeof(LiteDbCollection<>))
            .Select(b => b!.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        var mapper = BrokerDatabase.CreateMapper();
        var entities = (System.Collections.IDictionary)typeof(BsonMapper).GetField("_entities", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(mapper)!;

        Assert.NotEmpty(stored);
        Assert.All(stored, t => Assert.True(entities.Contains(t), $"{t.Name} is kept by a store but not mapped up front"));
    }
}
