using System.Globalization;
using Broker.Access;
using Broker.Api;
using Broker.Reports;

namespace Broker.Records;

/// <summary><c>GET /api/records/export?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: the record of a period as a ZIP, streamed (editors only).</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/records/export", Export).WithTags("Records").RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<IResult> Export(
        string? from, string? to, RecordsExport export, ReportQueries queries, Audit.Auditor audit, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var first = Day(errors, "from", from);
        var last = Day(errors, "to", to);
        if (first is { } f && last is { } l && l < f)
        {
            errors.Add("to", "to must be on or after from.");
        }

        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var period = new ReportPeriod(queries.StartOf(first!.Value), queries.StartOf(last!.Value.AddDays(1)));
        var actor = Actor.Of(context);
        await audit.RecordAsync(actor, "records.exported", "records", $"{from}..{to}", null, cancellationToken);
        var response = context.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"arsip-ppid-{from}-{to}.zip\"";
        response.Headers.CacheControl = "no-store";
        await export.WriteAsync(response.Body, period, actor, cancellationToken);
        return Results.Empty;
    }

    private static DateOnly? Day(FieldErrors errors, string field, string? value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, $"{field} is required, as a date (yyyy-MM-dd), in the installation's time zone.");
        return null;
    }
}
