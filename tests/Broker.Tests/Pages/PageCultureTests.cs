using System.Globalization;
using Broker.Pages;

namespace Broker.Tests.Pages;

/// <summary>
/// The pages' Indonesian formats as Indonesian and compares text as plain "id" does (CLDR gives Indonesian the root order),
/// through the invariant culture's comparer, which .NET runs without its slow ICU path for ASCII text.
/// </summary>
public sealed class PageCultureTests
{
    private static readonly CultureInfo Plain = CultureInfo.GetCultureInfo("id");

    [Fact]
    public void Indonesian_pages_format_dates_and_numbers_as_indonesian()
    {
        var culture = PagesExtensions.Cultures[0];
        var day = new DateOnly(2026, 12, 6);

        Assert.Equal("id", culture.Name);
        Assert.Equal("Minggu, 6 Desember 2026", day.ToString("dddd, d MMMM yyyy", culture));
        Assert.Equal(day.ToString("dddd, d MMMM yyyy", Plain), day.ToString("dddd, d MMMM yyyy", culture));
        Assert.Equal("1.234.567,5", 1234567.5.ToString("N1", culture));
    }

    [Fact]
    public void Indonesian_pages_compare_and_sort_text_as_plain_indonesian_does()
    {
        var culture = PagesExtensions.Cultures[0];
        string[] names = ["Siti Aminah", "siti aminah", "Ágnes", "Agus", "Çelik", "Budi", "budi", "Zainal", "Éka", "eka", "Dinas PU", "dinas-pu", "Dinas_PU", "10 OPD", "9 OPD", ""];

        Assert.Same(CultureInfo.InvariantCulture.CompareInfo, culture.CompareInfo);
        Assert.Equal(names.Order(StringComparer.Create(Plain, ignoreCase: false)), names.Order(StringComparer.Create(culture, ignoreCase: false)));
        Assert.Equal(names.Order(StringComparer.Create(Plain, ignoreCase: true)), names.Order(StringComparer.Create(culture, ignoreCase: true)));
        foreach (var (text, prefix) in new[] { ("$.Status", "$"), ("STRING($.Opd)", "string"), ("Éka", "E"), ("dinas", "Dinas") })
        {
            Assert.Equal(Plain.CompareInfo.IsPrefix(text, prefix), culture.CompareInfo.IsPrefix(text, prefix));
            Assert.Equal(Plain.CompareInfo.IsPrefix(text, prefix, CompareOptions.IgnoreCase), culture.CompareInfo.IsPrefix(text, prefix, CompareOptions.IgnoreCase));
        }
    }
}
