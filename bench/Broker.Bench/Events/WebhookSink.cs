using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broker.Bench.Events;

/// <summary>A webhook receiver on loopback that answers 204 and counts what it got.</summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private int received;

    private WebhookSink(WebApplication app) => this.app = app;

    public int Received => Volatile.Read(ref received);

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            Interlocked.Increment(ref sink.received);
            context.Response.StatusCode = (int)HttpStatusCode.NoContent;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = new Uri(address.TrimEnd('/') + "/hook");
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
