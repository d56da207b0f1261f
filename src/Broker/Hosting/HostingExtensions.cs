using System.Text.Json;
using System.Text.Json.Serialization;
using Broker.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

public static class HostingExtensions
{
    /// <summary>Time, options, public URLs, the Data Protection key ring, JSON and problem details, OpenAPI, health checks (mapped by <c>MapBrokerTelemetry</c>).</summary>
    public static IHostApplicationBuilder AddBrokerHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddValidatedOptions<BrokerOptions, BrokerOptionsValidator>(BrokerOptions.Section);
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddHostedService<StartBanner>();
        builder.Services.AddValidatedOptions<PlatformUrlsOptions, PlatformUrlsValidator>(PlatformUrlsOptions.Section);

        builder.AddBrokerKeyRing();

        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                context.ProblemDetails.Detail = $"The request body is larger than the {limit} bytes this endpoint accepts.";
            }

            ProblemCodes.Name(context.ProblemDetails);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseBrokerHosting(this WebApplication app)
    {
        // Photos, renditions, QR codes and CSV exports are user content: a browser must take their declared type, never
        // guess one from the bytes (a "photo" that sniffs as HTML would run as a page of this site).
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
