using System.Globalization;
using Broker.Access;
using Broker.Audit;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.AuditTrail;

/// <summary>
/// The audit trail for editors, newest first: filtered by object, user and period, a page at a time by keyset on the
/// time index (<see cref="IAuditLog.PageAsync"/>), with the same selection as a CSV file (<c>GET /api/audit/export</c>).
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class AuditTrailPageModel(IAuditLog log, IUserStore users, LocalTime time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "objek")]
    public string? ObjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "pengguna")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "dari")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "sampai")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "sebelum")]
    public string? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<User> Users { get; private set; } = [];

    public string? Next { get; private set; }

    public string Export { get; private set; } = "";

    public string Who(string actor) => Users.FirstOrDefault(u => u.Id == actor)?.Name ?? actor;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await users.ListAsync(cancellationToken);
        DateTimeOffset? from = From is { } f ? time.StartOf(f) : null;
        DateTimeOffset? to = To is { } t ? time.StartOf(t.AddDays(1)) : null;
        var query = new AuditQuery(Blank(ObjectId), Blank(Actor), from, to, PageSize + 1);
        AuditCursor.TryParse(Before, out var cursor);
        var page = await log.PageAsync(query, cursor, newestFirst: true, cancellationToken);
        Entries = [.. page.Take(PageSize)];
        Next = page.Count > PageSize ? Link("/jejak-audit", ("sebelum", AuditCursor.Of(Entries[^1]).ToString())) : null;
        Export = "/api/audit/export" + QueryString.Create(new[]
        {
            KeyValuePair.Create("objectId", query.ObjectId),
            KeyValuePair.Create("actor", query.Actor),
            KeyValuePair.Create("from", from?.ToString("O", CultureInfo.InvariantCulture)),
            KeyValuePair.Create("to", to?.ToString("O", CultureInfo.InvariantCulture)),
        }.Where(p => p.Value is not null));
    }

    private string Link(string path, (string Key, string Value) extra) =>
        path + QueryString.Create(new[]
        {
            KeyValuePair.Create("objek", Blank(ObjectId)),
            KeyValuePair.Create("pengguna", Blank(Actor)),
            KeyValuePair.Create("dari", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            KeyValuePair.Create("sampai", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            KeyValuePair.Create(extra.Key, (string?)extra.Value),
        }.Where(p => p.Value is not null));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
