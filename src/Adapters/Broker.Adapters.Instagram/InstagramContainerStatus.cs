using System.Globalization;
using System.Text.RegularExpressions;

namespace Broker.Adapters.Instagram;

/// <summary>A container's <c>status_code</c> and <c>status</c> as <c>GET /{container-id}?fields=status_code,status</c> gives them.</summary>
internal sealed partial record InstagramContainerStatus(string Code, string? Detail)
{
    public const string Finished = "FINISHED";
    public const string InProgress = "IN_PROGRESS";
    public const string Published = "PUBLISHED";
    public const string Error = "ERROR";
    public const string Expired = "EXPIRED";

    /// <summary>
    /// The error subcode an ERROR status carries in <c>status</c>. Its exact wording is not documented (UNCONFIRMED),
    /// so the first run of seven digits, the shape of Instagram's 2207xxx subcodes, is taken.
    /// </summary>
    public int? Subcode => Detail is not null && SubcodePattern().Match(Detail) is { Success: true } match
        ? int.Parse(match.Value, CultureInfo.InvariantCulture)
        : null;

    [GeneratedRegex("[0-9]{7}")]
    private static partial Regex SubcodePattern();
}
