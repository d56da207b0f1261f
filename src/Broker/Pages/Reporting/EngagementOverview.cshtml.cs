using Broker.Access;
using Broker.Api;
using Broker.Engagement;
using Broker.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Reporting;

/// <summary>
/// The engagement report for a period (<c>?from=&amp;to=</c>, read as the API reads it): reach and interactions per
/// OPD, broker posts against native posts, the top items with their ASN clicks per reach, each table with its CSV.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class EngagementOverviewModel(ReportQueries queries, EngagementReport report) : PageModel
{
    public EngagementSummary? Summary { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        From = Request.Query["from"].ToString();
        To = Request.Query["to"].ToString();
        var errors = new FieldErrors();
        var query = queries.Read<EngagementSummary>(HttpContext, errors);
        if (query is null)
        {
            Errors = MessageText.Of(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Summary = await report.BuildAsync(query, cancellationToken);
    }

    /// <summary>The CSV download of one table, for the period on screen.</summary>
    public string Csv(string table)
    {
        var link = $"/api/reports/engagement?format=csv&table={table}";
        if (From.Length > 0)
        {
            link += "&from=" + Uri.EscapeDataString(From);
        }

        if (To.Length > 0)
        {
            link += "&to=" + Uri.EscapeDataString(To);
        }

        return link;
    }

    public static int Percent(double part, double whole) => ReportsOverviewModel.Percent(part, whole);
}
