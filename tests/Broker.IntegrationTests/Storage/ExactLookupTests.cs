using System.Net;
using Broker.Accounts;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>Ids and codes find only themselves, in their exact case: LiteDB's default collation ignores case.</summary>
public sealed class ExactLookupTests
{
    private const string Ani = "198703152010011002";

    [Fact]
    public async Task An_upper_cased_media_id_is_a_clean_404_on_every_media_path()
    {
        await using var scenario = await Scenario.StartAsync();
        var photo = await scenario.UploadPhotoAsync();
        using var anonymous = scenario.ClientWith(null);
        var upper = photo.ToUpperInvariant();
        Assert.NotEqual(photo, upper);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/media/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/media/{upper}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/media/{upper}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Api.SendAsync(HttpMethod.Get, $"/api/media/{upper}")).Response.StatusCode);
    }

    [Fact]
    public async Task An_upper_cased_item_id_is_not_found_by_the_api()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook]);

        var (response, problem) = await scenario.Api.SendAsync(HttpMethod.Get, $"/api/items/{item.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(problem);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.SendAsync(HttpMethod.Get, $"/api/items/{item}")).Response.StatusCode);
    }

    [Fact]
    public async Task A_share_code_with_its_case_flipped_resolves_nothing_and_counts_no_click()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        var flipped = string.Concat(code.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
        Assert.NotEqual(code, flipped); // ten characters of 62, all digits: one chance in 10^8
        using var visitor = scenario.ClientWith(null);
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0");

        var wrong = await visitor.GetAsync($"/s/{flipped}");
        var right = await visitor.GetAsync($"/s/{code}");

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Null(wrong.Headers.Location);
        Assert.Equal(HttpStatusCode.Found, right.StatusCode);
        var clicks = await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/items/{item}/clicks"), c => c["total"]!.GetValue<int>() >= 1, "the click on the right code");
        Assert.Equal(1, clicks["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_file_made_with_lite_dbs_case_blind_collation_still_finds_ids_only_in_their_exact_case()
    {
        var folder = Directory.CreateTempSubdirectory("broker-exact-lookup-");
        try
        {
            var path = Path.Combine(folder.FullName, "broker.db");
            using (new LiteEngine(new EngineSettings { Filename = path }))
            {
                // An empty file with the default collation, as every broker before this one made.
            }

            using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = path }));
            Assert.EndsWith("/IgnoreCase", database.Database.Pragma("COLLATION").AsString, StringComparison.Ordinal);
            var opds = new LiteDbOpdStore(database);
            await opds.TryAddAsync(new Opd { Id = "diskominfo", Name = "Dinas Komunikasi dan Informatika", CreatedAt = DateTimeOffset.UnixEpoch }, CancellationToken.None);

            Assert.NotNull(await opds.GetAsync("diskominfo", CancellationToken.None));
            Assert.Null(await opds.GetAsync("DISKOMINFO", CancellationToken.None));
            Assert.NotNull(database.Collection<BsonDocument>("opds").FindById("DISKOMINFO")); // what LiteDB alone answers there
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_new_database_file_compares_strings_ordinally()
    {
        var folder = Directory.CreateTempSubdirectory("broker-exact-lookup-");
        try
        {
            using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder.FullName, "broker.db") }));
            var things = database.Collection<BsonDocument>("things");
            database.Write(() => things.Insert(new BsonDocument { ["_id"] = "abc" }));

            Assert.EndsWith("/Ordinal", database.Database.Pragma("COLLATION").AsString, StringComparison.Ordinal);
            Assert.Null(things.FindById("ABC"));
            Assert.NotNull(things.FindById("abc"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A published item of Diskominfo's, open for sharing to Ani of dinkes.</summary>
    private static async Task<string> SharedItemAsync(Scenario scenario)
    {
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = "dinkes" }, 201);
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook], link: "https://portal.example.go.id/berita/taman-samarendah");
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(item, "published");
        await scenario.Api.PostExpectAsync($"/api/items/{item}/sharing", new { until = (DateTimeOffset?)null, opds = (string[]?)null }, 200);
        return item;
    }
}
