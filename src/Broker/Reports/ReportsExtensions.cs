using Broker.Hosting;
namespace Broker.Reports;

public static class ReportsExtensions
{
    /// <summary>The report options, the query reader and the report builders.</summary>
    public static IHostApplicationBuilder AddBrokerReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ReportsOptions, ReportsOptionsValidator>(ReportsOptions.Section);
        builder.Services.AddSingleton<ReportQueries>();
        builder.Services.AddSingleton<DailyFigureReader>();
        builder.Services.AddSingleton<ClickFigureDays>();
        builder.Services.AddHostedService<DailyFigureSweep>();
        builder.Services.AddSingleton<OpdActivityReport>();
        builder.Services.AddSingleton<TwoHourRuleReport>();
        builder.Services.AddSingleton<DeliveryHealthReport>();
        builder.Services.AddSingleton<AmplificationReport>();
        return builder;
    }
}
