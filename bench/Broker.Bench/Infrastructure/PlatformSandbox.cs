using Broker.Sandbox;
using Broker.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Bench.Infrastructure;

/// <summary>
/// The platform sandbox in this process, on its own loopback port, with a probe in front of the platform routes that
/// counts calls in flight: the peak concurrency the broker reached, measured from the platform's side. The sandbox's
/// own request recorder is left out (it keeps every header and body, which would cost more than the broker being measured).
/// </summary>
internal sealed class PlatformSandbox : IAsyncDisposable
{
    private readonly WebApplication app;
    private int inFlight;
    private int peak;
    private long feedPosts;
    private long insightsReads;

    private PlatformSandbox(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        State = app.Services.GetRequiredService<SandboxState>();
    }

    public Uri Address { get; }

    public Uri GraphBaseUrl => new(Address, "graph");

    public SandboxState State { get; }

    /// <summary>The most platform calls in flight at once since the last <see cref="ResetPeak"/>.</summary>
    public int PeakConcurrency => Volatile.Read(ref peak);

    /// <summary>Page feed posts the sandbox accepted (one per delivery without photos).</summary>
    public long FeedPosts => Interlocked.Read(ref feedPosts);

    /// <summary>Post insights calls the sandbox answered 200 (one per metrics reading); counted here, as the recorder is off.</summary>
    public long InsightsReads => Interlocked.Read(ref insightsReads);

    public static async Task<PlatformSandbox> StartAsync(int latencyMilliseconds, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSandbox(new SandboxOptions { FacebookCallsPerHour = 1_000_000 });
        var app = builder.Build();
        PlatformSandbox? sandbox = null;
        app.Use(async (context, next) =>
        {
            if (sandbox is null || !context.Request.Path.StartsWithSegments("/graph"))
            {
                await next(context);
                return;
            }

            await sandbox.ProbeAsync(context, next);
        });
        app.UseRouting();
        app.MapSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox = new PlatformSandbox(app, new Uri(address.TrimEnd('/') + "/"));
        sandbox.State.LatencyMilliseconds = latencyMilliseconds;
        return sandbox;
    }

    public void ResetPeak() => Volatile.Write(ref peak, Volatile.Read(ref inFlight));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ProbeAsync(HttpContext context, RequestDelegate next)
    {
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }

        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            if (context.Response.StatusCode == 200 && HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.Value?.EndsWith("/feed", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref feedPosts);
            }
            else if (context.Response.StatusCode == 200 && HttpMethods.IsGet(context.Request.Method)
                && context.Request.Path.Value?.EndsWith("/insights", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref insightsReads);
            }
        }
    }
}
