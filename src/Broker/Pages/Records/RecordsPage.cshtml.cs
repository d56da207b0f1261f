using System.Globalization;
using Broker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Records;

/// <summary>
/// The records for a public information request (UU 14/2008, PPID), for editors: a period is chosen here and, once its
/// dates read well, the browser is sent to the streamed export (<c>GET /api/records/export</c>), whose address is made
/// here from the two checked dates only.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class RecordsPageModel(LocalTime time) : PageModel
{
    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public string? Error { get; private set; }

    public IActionResult OnGet(string? dari, string? sampai)
    {
        var today = time.Today;
        if (dari is null && sampai is null)
        {
            (From, To) = (Iso(today.AddDays(-30)), Iso(today));
            return Page();
        }

        (From, To) = (dari ?? "", sampai ?? "");
        if (Read(dari) is { } from && Read(sampai) is { } to && to >= from)
        {
            return Redirect($"/api/records/export?from={Iso(from)}&to={Iso(to)}");
        }

        Error = Text.Records_BadPeriod;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static DateOnly? Read(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
