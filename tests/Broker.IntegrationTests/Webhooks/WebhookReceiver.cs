using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broker.IntegrationTests.Webhooks;

/// <summary>
/// Another system's endpoint: a small Kestrel app on loopback that keeps every request it gets and answers as the test
/// says (a status, or no answer at all until the caller gives up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The answer meaning "never answer": the request hangs until the sender gives up.</summary>
    public const int Hang = -1;

    private readonly WebApplication app;
    private readonly TaskCompletionSource stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status for the n-th request (from 0) to a path; 200 unless set.</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri Url(string path = "hook") => new(BaseUrl, path);

    public IReadOnlyList<Received> To(string path) => [.. Requests.Where(r => r.Path == "/" + path)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var counts = new ConcurrentDictionary<string, int>();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "/";
            var n = counts.AddOrUpdate(path, 0, (_, c) => c + 1);
            var status = receiver.Answer(path.TrimStart('/'), n);
            var headers = new HeaderDictionary();
            foreach (var (key, value) in context.Request.Headers)
            {
                headers[key] = value;
            }

            receiver.Requests.Enqueue(new Received(path, headers, body, status));
            if (status == Hang)
            {
                await Task.WhenAny(receiver.stopping.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
                return;
            }

            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.Headers.Location = "/landing";
            }

            await context.Response.WriteAsync(status >= 400 ? "sedang gangguan" : "ok", context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        stopping.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Received(string Path, IHeaderDictionary Headers, string Body, int Answered)
    {
        public string WebhookId => Headers["webhook-id"].ToString();
    }
}
