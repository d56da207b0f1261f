using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Sharing;
using Broker.Sandbox.Control;

namespace Broker.IntegrationTests.Intake;

/// <summary>Uploaded bytes are served as the type checked at upload; browsers are told not to guess another.</summary>
public sealed class ContentSniffingTests
{
    [Fact]
    public async Task Photos_renditions_qr_codes_csv_exports_and_share_pages_are_served_with_nosniff()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await ShareLinkTests.SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn=198703152010011002")).Str("code");
        var png = await scenario.Api.GetJsonAsync($"/api/media/{await scenario.UploadPhotoAsync(SampleImages.Png(400, 500), "poster.png")}");
        using var anonymous = scenario.ClientWith(null);

        string[] publicPaths = [new Uri(png.Str("url")).PathAndQuery, new Uri(png.Str("jpegUrl")).PathAndQuery, $"/s/{code}/qr.png", "/s/unknown"];
        foreach (var path in publicPaths)
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), $"{path} has no X-Content-Type-Options");
            Assert.Equal(["nosniff"], values);
        }

        using var csv = await scenario.Api.GetAsync("/api/reports/opd-activity?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["nosniff"], csv.Headers.GetValues("X-Content-Type-Options"));
    }
}
