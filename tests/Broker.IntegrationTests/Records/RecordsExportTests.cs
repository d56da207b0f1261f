using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Retraction;

namespace Broker.IntegrationTests.Records;

public sealed class RecordsExportTests
{
    [Fact]
    public async Task The_export_of_a_period_holds_each_item_with_its_deliveries_decisions_retraction_and_audit_with_a_checksum_per_file()
    {
        await using var scenario = await RetractionTests.StartAsync();
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        var item = await RetractionTests.PublishedItemAsync(scenario, [facebook, x]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/retract", new { reason = "Data keliru." }, 200);
        var done = await RetractionTests.WaitForRemovalsAsync(scenario, item);

        using var response = await scenario.Api.GetAsync($"/api/records/export?{Today()}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException)
        {
            throw new InvalidOperationException(string.Join("\n", scenario.Broker.Logs.Lines.TakeLast(20)));
        }

        using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);

        var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!;
        Assert.True(DateTimeOffset.Parse(manifest.Str("generatedAt"), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UnixEpoch);
        var files = manifest["files"]!.AsArray();
        Assert.Equal(["items.jsonl", "items.csv", "versions.csv", "deliveries.csv", "reviews.csv", "audit.jsonl", "audit.csv"], files.Select(f => f!.Str("name")));
        var sums = Read(zip, "SHA256SUMS");
        foreach (var file in files.Select(f => f!))
        {
            var bytes = Bytes(zip, file.Str("name"));
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(file.Str("sha256"), sha);
            Assert.Equal(bytes.Length, file["bytes"]!.GetValue<long>());
            Assert.Contains($"{sha}  {file.Str("name")}\n", sums, StringComparison.Ordinal);
        }

        var line = JsonNode.Parse(Assert.Single(Read(zip, "items.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
        Assert.Equal(item, line["item"]!.Str("id"));
        Assert.Equal("retracted", line["item"]!.Str("status"));
        Assert.Equal("Data keliru.", line["item"]!.Str("retractReason"));
        var version = Assert.Single(line["versions"]!.AsArray())!;
        Assert.Equal(("submitted", line["item"]!.Str("title")), (version.Str("kind"), version.Str("title")));
        Assert.Equal(2, Read(zip, "versions.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var exported = line["deliveries"]!.AsArray();
        Assert.Equal(2, exported.Count);
        foreach (var delivery in done["deliveries"]!.AsArray().Select(d => d!))
        {
            var match = exported.Single(d => d!.Str("id") == delivery.Str("id"))!;
            Assert.Equal(delivery.Str("remotePostId"), match.Str("remotePostId"));
            Assert.Equal(delivery.Str("permalink"), match.Str("permalink"));
            Assert.Equal("removed", match.Str("status"));
        }

        var deliveriesCsv = Read(zip, "deliveries.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, deliveriesCsv.Length);
        Assert.StartsWith("id,itemId,accountId,platform,status,remotePostId,permalink", deliveriesCsv[0], StringComparison.Ordinal);
        var reviews = Read(zip, "reviews.csv");
        Assert.Contains(",item.approved,item," + item, reviews, StringComparison.Ordinal);
        Assert.Contains(",item.retracted,item," + item + ",Data keliru.", reviews, StringComparison.Ordinal);
        Assert.Contains(Read(zip, "audit.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonNode.Parse(l)!.Str("action") == "delivery.removed");
    }

    [Fact]
    public async Task An_export_needs_a_valid_period_and_an_editor()
    {
        await using var scenario = await RetractionTests.StartAsync();
        await scenario.CreateOpdAsync();
        var (_, token) = await scenario.CreateUserAsync("Reporter", "reporter");
        using var reporter = scenario.ClientWith(token);

        var (bad, problem) = await scenario.Api.SendAsync(HttpMethod.Get, "/api/records/export?from=2026-12-05&to=kemarin");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(problem!["errors"]!["to"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Api.SendAsync(HttpMethod.Get, "/api/records/export?from=2026-12-05&to=2026-12-01")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.SendAsync(HttpMethod.Get, $"/api/records/export?{Today()}")).Response.StatusCode);
    }

    internal static string Today()
    {
        var now = TimeProvider.System.GetUtcNow();
        return $"from={now.AddDays(-1):yyyy-MM-dd}&to={now.AddDays(1):yyyy-MM-dd}";
    }

    internal static string Read(ZipArchive zip, string name) => Encoding.UTF8.GetString(Bytes(zip, name));

    internal static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
