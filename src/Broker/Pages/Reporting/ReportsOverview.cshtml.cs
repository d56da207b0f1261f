using Broker.Access;
using Broker.Api;
using Broker.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Reporting;

/// <summary>
/// The reports of flow 8 as tables with bars, for a period (<c>?from=&amp;to=</c>, read as the API reads it), each with
/// its CSV downloads from the reports API.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class ReportsOverviewModel(
    ReportQueries queries, OpdActivityReport activity, TwoHourRuleReport rule, DeliveryHealthReport health, AmplificationReport amplification) : PageModel
{
    /// <summary>The ASN shown on the page's leaderboard; the CSV has them all.</summary>
    public const int TopAsn = 20;

    public OpdActivity? Activity { get; private set; }

    public TwoHourRule? Rule { get; private set; }

    public DeliveryHealth? Health { get; private set; }

    public AmplificationLeaderboards? Amplification { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        From = Request.Query["from"].ToString();
        To = Request.Query["to"].ToString();
        var errors = new FieldErrors();
        var query = queries.Read<OpdActivity>(HttpContext, errors);
        if (query is null)
        {
            Errors = MessageText.Of(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Activity = await activity.BuildAsync(query, cancellationToken);
        Rule = await rule.BuildAsync(query, cancellationToken);
        Health = await health.BuildAsync(query, cancellationToken);
        Amplification = await amplification.BuildAsync(query, cancellationToken);
    }

    /// <summary>The CSV download of one table of a report, for the period on screen.</summary>
    public string Csv(string report, string table)
    {
        var link = $"/api/reports/{report}?format=csv&table={table}";
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

    public static int Percent(double part, double whole) => whole <= 0 ? 0 : (int)Math.Round(100 * part / whole);
}
