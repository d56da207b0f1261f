using Broker.Sandbox.Control;
using Broker.Sandbox.Facebook;
using Broker.Sandbox.Faults;
using Broker.Sandbox.Graph;
using Broker.Sandbox.Instagram;
using Broker.Sandbox.Media;
using Broker.Sandbox.OAuth;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;
using Broker.Sandbox.Telegram;
using Broker.Sandbox.WordPress;
using Broker.Sandbox.X;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Broker.Sandbox;

/// <summary>Starts a sandbox on its own Kestrel server.</summary>
public static class SandboxServer
{
    public static async Task<RunningSandbox> StartAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSandbox(options);

        var app = builder.Build();
        app.UseSandbox();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        var baseUrl = new Uri(address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
        return new RunningSandbox(app, baseUrl, app.Services.GetRequiredService<SandboxState>());
    }

    /// <summary>Registers the sandbox's services in an existing application.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, SandboxOptions options)
    {
        if (new SandboxOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(nameof(SandboxOptions), typeof(SandboxOptions), invalid.Failures);
        }

        services.AddSingleton(options);
        var state = new SandboxState(options.TimeProvider) { InstagramDeletes = options.InstagramDeleteSupported, PostsFile = options.PostsFile };
        state.LoadPosts();
        services.AddSingleton(state);
        services.AddSingleton<MediaFetcher>();
        services.AddSingleton<PlatformPipeline>();
        services.AddSingleton<FacebookDialect>();
        services.AddSingleton<InstagramDialect>();
        services.AddSingleton<XDialect>();
        services.AddSingleton<WordPressDialect>();
        services.AddSingleton<XRateLimiter>();
        services.AddSingleton<TelegramBot>();
        return services;
    }

    /// <summary>Adds the recording middleware and maps every platform route plus the control API.</summary>
    public static WebApplication UseSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestRecordingMiddleware>();
        app.UseRouting();
        app.MapSandbox();
        return app;
    }

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder routes)
    {
        routes.MapGraphApi();
        routes.MapXApi();
        routes.MapTelegramApi();
        routes.MapWordPressApi();
        routes.MapAuthorizeDialogs();
        routes.MapControlApi();
        return routes;
    }
}
