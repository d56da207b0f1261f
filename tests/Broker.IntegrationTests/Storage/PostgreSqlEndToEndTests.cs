using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broker.IntegrationTests.Storage;

/// <summary>The whole broker on the PostgreSQL stores: an item goes from submission to posts on the sandbox's platforms.</summary>
public sealed class PostgreSqlEndToEndTests
{
    [Fact]
    public async Task An_item_submitted_and_approved_on_postgresql_is_published_once_to_each_platform()
    {
        var database = await PostgresServer.CreateDatabaseAsync("e2e");
        await using var scenario = await Scenario.StartAsync(
            configure: s =>
            {
                s["Storage:Provider"] = "PostgreSql";
                s["ConnectionStrings:Broker"] = database;
            },
            services: SharingStoresPostgreSqlLacks);
        var (facebook, instagram, x) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync(); // Instagram posts need one
        var itemId = await scenario.SubmitItemAsync("diskominfo", [facebook, instagram, x], [photo]);

        var approved = await scenario.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { }, 200);
        Assert.Equal("approved", approved.Str("status"));

        var item = await scenario.WaitForItemStatusAsync(itemId, "published");
        var deliveries = item["deliveries"]!.AsArray();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(("published", 1), (d!.Str("status"), d!["attempts"]!.GetValue<int>())));
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Single(scenario.Sandbox.State.Posts("instagram"));
        Assert.Single(scenario.Sandbox.State.Posts("x"));
        var audit = await scenario.Api.GetJsonAsync($"/api/audit?objectId={itemId}");
        Assert.NotEmpty(audit.AsArray());
    }

    // The share links, clicks, ASN directory and photos get their PostgreSQL stores in another change (migration 0020):
    // until it is merged, the host takes LiteDB's for whichever of them PostgreSQL does not register yet.
    private static void SharingStoresPostgreSqlLacks(IServiceCollection services)
    {
        var postgres = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        postgres.AddPostgreSqlStores();
        bool Lacks<T>() => !postgres.Services.Any(d => d.ServiceType == typeof(T));
        if (!Lacks<IMediaStore>() && !Lacks<IAsnStore>() && !Lacks<IShareLinkStore>() && !Lacks<IClickStore>())
        {
            return;
        }

        services.AddSingleton<BrokerDatabase>();
        if (Lacks<IMediaStore>())
        {
            services.AddSingleton<IMediaStore, LiteDbMediaStore>();
        }

        if (Lacks<IAsnStore>())
        {
            services.AddSingleton<IAsnStore, LiteDbAsnStore>();
        }

        if (Lacks<IShareLinkStore>())
        {
            services.AddSingleton<IShareLinkStore, LiteDbShareLinkStore>();
        }

        if (Lacks<IClickStore>())
        {
            services.AddSingleton<IClickStore, LiteDbClickStore>();
        }
    }
}
