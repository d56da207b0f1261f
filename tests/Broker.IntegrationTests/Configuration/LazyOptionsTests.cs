#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Broker.IntegrationTests.Configuration;

/// <summary>Settings read when a registration's services are made, not at registration, still reach what they configure.</summary>
public sealed class LazyOptionsTests
{
    [Fact]
    public async Task Delivery_max_concurrency_sizes_quartzs_thread_pool_through_the_validated_options()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        await using var host = await BrokerHost.StartAsync(sandbox, configure: s => s["Delivery:MaxConcurrency"] = "3");

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var metadata = await scheduler.GetMetadata(CancellationToken.None);

        Assert.Equal(3, metadata.ThreadPoolSize);
    }
}
#endif
