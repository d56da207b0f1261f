using System.Net;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Intake;

/// <summary>A small file can stand for a huge picture: decoding is bounded per photo and in how many run at once.</summary>
public sealed class PhotoLimitTests
{
    [Fact]
    public async Task A_png_over_the_pixel_budget_is_refused_with_its_dimensions_and_the_limit_without_being_decoded()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Broker:MaxUploadPixels"] = "10000000");
        var decoding = scenario.Broker.Services.GetRequiredService<PhotoDecoding>();

        // 20000×2000 pixels of flat grey compress to a few hundred kilobytes; decoded they would take 160 MB.
        var huge = SampleImages.Png(20_000, 2_000);
        Assert.InRange(huge.Length, 1, 1_000_000);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(huge), "file", "banner.png" } };
        var response = await scenario.Api.PostAsync("/api/media", form);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = problem["errors"]!["file"]![0]!.GetValue<string>();
        Assert.Contains("20000×2000", reason, StringComparison.Ordinal);
        Assert.Contains("10000000", reason, StringComparison.Ordinal);
        Assert.Equal(0, decoding.Decoded);

        await scenario.UploadPhotoAsync(SampleImages.Png(3000, 3000), "poster.png");
        await scenario.UploadPhotoAsync(SampleImages.Jpeg(4000, 2500));
        Assert.Equal(1, decoding.Decoded);
    }

    [Fact]
    public async Task Concurrent_png_uploads_are_decoded_no_more_than_the_configured_number_at_a_time()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Broker:MaxConcurrentDecodes"] = "1");
        var decoding = scenario.Broker.Services.GetRequiredService<PhotoDecoding>();
        var png = SampleImages.Png(2000, 2000);

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => scenario.UploadPhotoAsync(png, "poster.png")));

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(8, decoding.Decoded);
        Assert.Equal(1, decoding.MostAtOnce);
        Assert.Equal(0, decoding.Running);
    }
}
