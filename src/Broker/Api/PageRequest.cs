using System.Globalization;
using Broker.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Broker.Api;

/// <summary>
/// The page a list request asks for: <c>limit</c> rows (default <see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>)
/// after <c>cursor</c> (an opaque value from the previous page's <c>Link: rel="next"</c>; none: the first page).
/// </summary>
public sealed record PageRequest(int Limit, PageCursor? After)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    /// <summary>The page asked for, or the problems with <paramref name="limit"/> and <paramref name="cursor"/>.</summary>
    public static PageRequest? Read(int? limit, string? cursor, FieldErrors errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit is a page size from 1 to {MaxLimit}, not {limit}.");
        }

        PageCursor? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (PageCursor.TryParse(cursor, out var parsed))
            {
                after = parsed;
            }
            else
            {
                errors.Add("cursor", "cursor is not one this list gave out: pass the value from the previous page's Link header unchanged.");
            }
        }

        return errors.Any ? null : new PageRequest(limit ?? DefaultLimit, after);
    }

    /// <summary>
    /// Tells the caller where the next page is: a <c>Link</c> header (RFC 8288) to this request with the next cursor, and
    /// the bare cursor in <c>X-Next-Cursor</c>. The last page has neither.
    /// </summary>
    public static void Announce(HttpContext context, PageCursor? next)
    {
        if (next is not { } cursor)
        {
            return;
        }

        var encoded = cursor.Encode();
        var query = context.Request.Query.Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", encoded));
        var target = QueryHelpers.AddQueryString(context.Request.PathBase + context.Request.Path, query);
        context.Response.Headers.Link = string.Create(CultureInfo.InvariantCulture, $"<{target}>; rel=\"next\"");
        context.Response.Headers["X-Next-Cursor"] = encoded;
    }
}
