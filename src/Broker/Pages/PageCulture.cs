using System.Globalization;

namespace Broker.Pages;

/// <summary>
/// A language of the pages that formats as itself (dates, numbers) and compares text as the invariant culture does.
/// Indonesian has no collation rules of its own (CLDR's root order), so the comparisons give the same answers; but .NET
/// takes its slow ICU path for every culture-sensitive comparison under any culture but English and the invariant one,
/// and LiteDB's expression parser makes such comparisons (<c>string.StartsWith</c>) many times for each query it parses:
/// under plain "id" that was half the CPU of the calendar page.
/// </summary>
internal sealed class PageCulture(string name) : CultureInfo(name, useUserOverride: false)
{
    public override CompareInfo CompareInfo => InvariantCulture.CompareInfo;
}
