using Broker.Access;
using Broker.Api;

namespace Broker.Reports;

/// <summary>
/// Flow 8's reports for editors (every OPD, or <c>?opd=</c>) and OPD admins (their own OPD): JSON, or one table as CSV
/// with <c>?format=csv</c> or <c>Accept: text/csv</c>.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Managers);
        group.MapGet("/opd-activity", OpdActivity);
        group.MapGet("/two-hour-rule", TwoHourRule);
        group.MapGet("/delivery-health", DeliveryHealth);
        group.MapGet("/amplification", Amplification);
        return app;
    }

    public static Task<IResult> OpdActivity(HttpContext context, ReportQueries queries, OpdActivityReport report, CancellationToken cancellationToken) =>
        AnswerAsync<OpdActivity>(context, queries, "opd-activity", report.BuildAsync, cancellationToken);

    public static Task<IResult> TwoHourRule(HttpContext context, ReportQueries queries, TwoHourRuleReport report, CancellationToken cancellationToken) =>
        AnswerAsync<TwoHourRule>(context, queries, "two-hour-rule", report.BuildAsync, cancellationToken);

    public static Task<IResult> DeliveryHealth(HttpContext context, ReportQueries queries, DeliveryHealthReport report, CancellationToken cancellationToken) =>
        AnswerAsync<DeliveryHealth>(context, queries, "delivery-health", report.BuildAsync, cancellationToken);

    public static Task<IResult> Amplification(HttpContext context, ReportQueries queries, AmplificationReport report, CancellationToken cancellationToken) =>
        AnswerAsync<AmplificationLeaderboards>(context, queries, "amplification", report.BuildAsync, cancellationToken);

    /// <summary>Reads the query, builds the report and answers it in the asked format; 400 with a message per field otherwise.</summary>
    public static async Task<IResult> AnswerAsync<TReport>(
        HttpContext context, ReportQueries queries, string name, Func<ReportQuery, CancellationToken, Task<TReport>> build, CancellationToken cancellationToken)
        where TReport : ITabularReport
    {
        var errors = new FieldErrors();
        var query = queries.Read<TReport>(context, errors);
        return query is null ? ApiResults.Invalid(errors) : ReportResults.Answer(await build(query, cancellationToken), query, name);
    }
}
