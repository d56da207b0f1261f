using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>A delivery never stays publishing: failures outside the platform call become outcomes, and a sweep reconciles the rest.</summary>
public sealed class StuckPublishingTests
{
    [Fact]
    public async Task Credentials_that_no_longer_decrypt_hold_the_delivery_for_reauthorisation_instead_of_leaving_it_publishing()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var accounts = scenario.Broker.Services.GetRequiredService<IAccountStore>();
        var account = (await accounts.GetAsync(fb, CancellationToken.None))!;
        account.ProtectedCredentials = "Q2ZESjhBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQQ"; // what a key ring that was rotated away leaves: unreadable
        await accounts.UpdateAsync(account, CancellationToken.None);
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var held = await Eventually.WaitAsync(
            () => scenario.ItemAsync(id),
            i => i["deliveries"]![0]!.Str("status") is not ("scheduled" or "publishing"),
            "the delivery to end its attempt",
            TimeSpan.FromSeconds(10));
        Assert.Equal("held", held["deliveries"]![0]!.Str("status"));
        var reauth = await scenario.Api.GetJsonAsync($"/api/accounts/{fb}");
        Assert.Equal("needsReauth", reauth.Str("status"));
        Assert.Contains("cannot be decrypted", reauth.Str("statusReason"), StringComparison.Ordinal);
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));
    }

#if !ON_POSTGRESQL // LiteDB's own machinery, see Broker.IntegrationTests.PostgreSql.csproj
    [Fact]
    public async Task A_delivery_left_publishing_makes_health_degraded_until_the_sweep_reconciles_and_publishes_it_once()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: clock.GetUtcNow().AddMinutes(2));
        var approved = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var deliveryId = approved["deliveries"]![0]!.Str("id");

        // As a lost outcome leaves it: publishing, its attempt begun ten minutes ago, nothing in flight in this process.
        var database = scenario.Broker.Services.GetRequiredService<BrokerDatabase>();
        var deliveries = database.Collection<BsonDocument>("deliveries");
        var stuck = deliveries.FindById(deliveryId);
        stuck["Status"] = "Publishing";
        stuck["Attempts"] = 1;
        stuck["LastAttemptAt"] = clock.GetUtcNow().AddMinutes(-10).UtcDateTime;
        database.Write(() => deliveries.Update(stuck));
        Assert.Equal("Degraded", await scenario.Api.GetStringAsync("/health"));

        clock.Advance(TimeSpan.FromMinutes(3));

        // Time goes on a minute, the sweep's interval, every half second of waiting: a round whose compare-and-set lost a
        // race with another change of the delivery reconciles it at the next tick, as it would in production (CI, loaded).
        var looks = 0;
        var item = await Eventually.WaitAsync(
            async () =>
            {
                if (++looks % 10 == 0)
                {
                    clock.Advance(TimeSpan.FromMinutes(1));
                }

                return await scenario.ItemAsync(id);
            },
            i => i.Str("status") == "published",
            $"item {id} to be published");
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Equal(2, item["deliveries"]![0]!["attempts"]!.GetValue<int>());
        var audit = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={deliveryId}")).AsArray();
        Assert.Contains(audit, e => e!.Str("action") == "delivery.reconcile");
        Assert.Equal("Healthy", await scenario.Api.GetStringAsync("/health"));
    }
#endif
}
