using Broker.Access;
using Broker.Reports;

namespace Broker.Engagement;

/// <summary>The engagement report for editors and OPD admins, as the other reports answer: JSON, or one table as CSV (<c>?format=csv&amp;table=</c>).</summary>
public static class EngagementReportsApi
{
    public static IEndpointRouteBuilder MapEngagementReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/engagement", Engagement).WithTags("Reports").RequireAuthorization(Policies.Managers);
        return app;
    }

    public static Task<IResult> Engagement(HttpContext context, ReportQueries queries, EngagementReport report, CancellationToken cancellationToken) =>
        ReportsApi.AnswerAsync<EngagementSummary>(context, queries, "engagement", report.BuildAsync, cancellationToken);
}
