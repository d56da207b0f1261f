using Broker.Hosting;
namespace Broker.Guardrails;

public static class GuardrailsExtensions
{
    /// <summary>Suspensions of publishing and their automatic resume.</summary>
    public static IHostApplicationBuilder AddBrokerGuardrails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GuardrailsOptions, GuardrailsOptionsValidator>(GuardrailsOptions.Section);
        builder.Services.AddSingleton<SuspensionCheck>();
        builder.Services.AddSingleton<SuspensionService>();
        builder.Services.AddHostedService<SuspensionClock>();
        builder.Services.AddSingleton<ElectionGuard>();
        builder.Services.AddSingleton<ElectionPeriods>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBrokerGuardrails(this IEndpointRouteBuilder app)
    {
        app.MapSuspensionsApi();
        app.MapElectionPeriodsApi();
        return app;
    }
}
