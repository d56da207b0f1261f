using Broker.Access;
using Broker.Accounts;
using Broker.Accounts.Connect;
using Broker.Accounts.Pausing;
using Broker.Api;
using Broker.Dispatch;
using Broker.Dispatch.CircuitBreaker;
using Broker.Engagement;
using Broker.Guardrails;
using Broker.Reports;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broker.Pages.ChannelAccounts;

/// <summary>
/// Channel accounts with their health over the last 30 days (from the delivery-health and OPD-activity reports): active,
/// paused, needing re-authorisation, circuit open, last post. From here an editor or the OPD's admin connects accounts
/// through the platform's login (the callback leads to <see cref="ChooseAccountsModel"/>), reconnects one whose
/// credentials were refused, and pauses or resumes one (<see cref="AccountPauses"/>).
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AccountHealthModel(
    DeliveryHealthReport health,
    OpdActivityReport activity,
    AccountConnections connections,
    AccountPauses pauses,
    EngagementPauses metricPauses,
    IAccountStore channels,
    SuspensionCheck suspensions,
    AccountCircuitBreakers circuits,
    IOpdStore opds,
    IOptions<AccountConnectionOptions> options,
    LocalTime time) : PageModel
{
    public sealed record Entry(DeliveryHealth.AccountRow Health, DateTimeOffset? LastPostAt, Suspension? Pause, bool CircuitOpen);

    public IReadOnlyList<Entry> Accounts { get; private set; } = [];

    /// <summary>Accounts whose token may not read metrics, with the platform's reason; their reading is paused.</summary>
    public IReadOnlyDictionary<string, string> MetricsNotPermitted { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<Entry> NeedReauth => [.. Accounts.Where(a => a.Health.AccountStatus == AccountStatus.NeedsReauth)];

    public IReadOnlyList<string> Platforms => connections.Platforms;

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public Caller Me => Caller.Of(User);

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(int? tersambung, string? selesai, CancellationToken cancellationToken)
    {
        Message = tersambung is { } count ? Labels.Format(Text.Accounts_Connected, count) : selesai is null ? null : Text.Accounts_Done;
        await LoadAsync(cancellationToken);
    }

    /// <summary>Starts the platform's login for an OPD (an OPD admin's own) and sends the browser to its consent page.</summary>
    public async Task<IActionResult> OnPostConnectAsync(string? platform, string? opd, CancellationToken cancellationToken)
    {
        var caller = Me;
        var forOpd = caller.IsEditor ? opd : caller.Opd;
        if (platform is null || !Platforms.Contains(platform, StringComparer.Ordinal))
        {
            return await RefuseAsync(ProblemText.Explain(ProblemCodes.UnknownPlatform), StatusCodes.Status400BadRequest, cancellationToken);
        }

        var binding = ConnectionBinding.Bind(HttpContext, options.Value.StateLifetime + options.Value.SelectionLifetime);
        var step = await connections.StartAsync(platform, forOpd, Actor.Of(HttpContext), binding, cancellationToken);
        if (step.Problem is { } problem)
        {
            var words = problem.Field == "opd" ? Text.Accounts_ChooseOpd : ProblemText.Explain(problem.Code);
            return await RefuseAsync(words, problem.Status, cancellationToken);
        }

        // The consent page's address comes from the connector's configured login host, never from the request.
        return Redirect(step.Value!.AuthorizeUrl.AbsoluteUri);
    }

    public Task<IActionResult> OnPostPauseAsync(string id, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(pauses.PauseAsync(Me, id, reason, Text.Accounts_PausedDefault, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(pauses.ResumeAsync(Me, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(Task<AccountPauseOutcome> decision, CancellationToken cancellationToken) => (await decision).Result switch
    {
        AccountPauseResult.Done => Redirect("/akun?selesai=1"),
        AccountPauseResult.NotFound => NotFound(),
        AccountPauseResult.Invalid => await RefuseAsync(ProblemText.Explain(ProblemCodes.InvalidFields), StatusCodes.Status400BadRequest, cancellationToken),
        AccountPauseResult.EditorsPause => await RefuseAsync(ProblemText.Explain(ProblemCodes.EditorsPause), StatusCodes.Status403Forbidden, cancellationToken),
        _ => await RefuseAsync(Text.Accounts_PauseConflict, StatusCodes.Status409Conflict, cancellationToken),
    };

    private async Task<IActionResult> RefuseAsync(string error, int status, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The connect form's answer is a redirect to the platform's consent page; the browser checks it against this page's form-action.
        Response.Headers.ContentSecurityPolicy = PageHeaders.ContentSecurityPolicy.Replace(
            "form-action 'self'", string.Join(' ', ["form-action 'self'", .. connections.LoginOrigins]), StringComparison.Ordinal);
        var now = time.Now;
        var query = new ReportQuery(new ReportPeriod(now.AddDays(-30), now), ReportFormat.Json, null, Me.ScopeOpd(null));
        var posts = (await activity.BuildAsync(query, cancellationToken)).Opds.SelectMany(o => o.Channels).ToDictionary(c => c.AccountId, c => c.LastPostAt, StringComparer.Ordinal);
        MetricsNotPermitted = await metricPauses.NotPermittedAsync(await channels.ListAsync(query.Opd, cancellationToken), cancellationToken);
        var paused = (await suspensions.ActiveAsync(cancellationToken)).Where(s => s.Scope == SuspensionScope.Account).ToDictionary(s => s.Target!, StringComparer.Ordinal);
        var open = circuits.Snapshot().Where(c => c.State == CircuitState.Open).Select(c => c.AccountId).ToHashSet(StringComparer.Ordinal);
        Accounts = [.. (await health.BuildAsync(query, cancellationToken)).Accounts.Select(a => new Entry(
            a, posts.GetValueOrDefault(a.AccountId), paused.GetValueOrDefault(a.AccountId), open.Contains(a.AccountId)))];
        Opds = Me.IsEditor ? await opds.ListAsync(cancellationToken) : [];
    }
}
