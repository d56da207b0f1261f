using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Audit;
using Broker.Channels;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Opds;

/// <summary>
/// The OPDs at a glance, for editors: each one's channel accounts by platform (and the platforms it has none on, the
/// mayors' question), its admins and its last publication; create one, rename one (compare-and-set on its version).
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class OpdListModel(IOpdStore opds, IAccountStore accounts, IUserStore users, IItemStore items, AdapterRegistry adapters, OpdRenaming renaming, Auditor audit, TimeProvider time)
    : PageModel
{
    public sealed record Row(Opd Opd, IReadOnlyList<Account> Accounts, IReadOnlyList<string> Missing, IReadOnlyList<string> Admins, DateTimeOffset? LastPublished);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<string> Platforms { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? selesai, CancellationToken cancellationToken)
    {
        Done = selesai switch
        {
            "created" => Text.Opds_Created,
            "renamed" => Text.Opds_Renamed,
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? code, string? name, CancellationToken cancellationToken)
    {
        var result = await OpdsApi.Create(new OpdsApi.CreateOpdRequest(code?.Trim(), name), opds, audit, time, HttpContext, cancellationToken);
        switch (result.Result)
        {
            case Microsoft.AspNetCore.Http.HttpResults.Created<OpdsApi.OpdView>:
                return Redirect("/opd?selesai=created");
            case Microsoft.AspNetCore.Http.HttpResults.ValidationProblem invalid:
                Error = MessageText.Summary(MessageText.Of(invalid.ProblemDetails));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                Error = Text.Opds_Exists;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(string code, string? name, long? version, CancellationToken cancellationToken)
    {
        var outcome = await renaming.RenameAsync(code, name, version, Actor.Of(HttpContext), cancellationToken);
        if (outcome.Opd is not null)
        {
            return Redirect("/opd?selesai=renamed");
        }

        if (!outcome.Found)
        {
            return NotFound();
        }

        Error = outcome.Errors is { } errors ? MessageText.Summary(MessageText.Of(errors)) : Text.Opds_Stale;
        Response.StatusCode = outcome.Errors is null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>A platform as people write it: Facebook, Instagram, X.</summary>
    public static string PlatformName(string platform) => platform.Length == 0 ? platform : char.ToUpperInvariant(platform[0]) + platform[1..];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Platforms = [.. adapters.Platforms.Order(StringComparer.Ordinal)];
        var byOpd = (await accounts.ListAsync(null, cancellationToken)).ToLookup(a => a.Opd, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var admins = (await users.ListAsync(cancellationToken))
            .Where(u => u is { Role: UserRole.OpdAdmin, RevokedAt: null, Opd: not null } && u.TokenExpiresAt > now)
            .ToLookup(u => u.Opd!, StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var opd in await opds.ListAsync(cancellationToken))
        {
            var own = byOpd[opd.Id].ToList();
            var missing = Platforms.Where(p => !own.Any(a => string.Equals(a.Platform, p, StringComparison.OrdinalIgnoreCase))).ToList();
            var last = (await items.ListPublishedAsync(opd.Id, 1, cancellationToken)).FirstOrDefault()?.FirstPublishedAt;
            rows.Add(new Row(opd, own, missing, [.. admins[opd.Id].Select(u => u.Name)], last));
        }

        Rows = rows;
    }
}
