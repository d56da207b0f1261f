using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>Serves generated JPEGs at <c>/photos/{width}x{height}/{name}.jpg</c> on loopback, for the sandbox to fetch.</summary>
internal sealed class PhotoServer(WebApplication app, Uri baseUrl) : IAsyncDisposable
{
    public static async Task<PhotoServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/photos/{width:int}x{height:int}/{name}", (int width, int height) =>
            Results.Bytes(TestJpeg.Create(width, height), "image/jpeg"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new PhotoServer(app, new Uri(address));
    }

    /// <summary>A JPEG photo of the given size as the broker would hand it to an adapter.</summary>
    public MediaFile Photo(string name, int width = 1080, int height = 1080)
    {
        var bytes = TestJpeg.Create(width, height);
        return new MediaFile
        {
            Id = name,
            ContentType = "image/jpeg",
            Length = bytes.Length,
            Width = width,
            Height = height,
            PublicUrl = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"/photos/{width}x{height}/{name}.jpg")),
            OpenReadAsync = _ => Task.FromResult<Stream>(new MemoryStream(bytes)),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
