using Broker.Reports;

namespace Broker.Tests.Reports;

public sealed class CsvWriterTests
{
    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_with_inner_quotes_doubled_and_lines_end_in_crlf()
    {
        var table = new CsvTable("t", ["name", "note"], [["Dinas \"Kesehatan\", Kota", "baris satu\nbaris dua"], ["plain", "a\r\nb"]]);
        Assert.Equal("name,note\r\n\"Dinas \"\"Kesehatan\"\", Kota\",\"baris satu\nbaris dua\"\r\nplain,\"a\r\nb\"\r\n", CsvWriter.Write(table));
    }

    [Fact]
    public void Numbers_dates_and_booleans_are_written_the_same_in_every_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("id-ID");
        try
        {
            var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(8));
            var row = new object?[] { 0.66666, 12345, at, new DateOnly(2026, 11, 2), true, null, Broker.Accounts.AccountStatus.NeedsReauth, -3 };
            Assert.Equal("n\r\n0.6667,12345,2026-11-02T00:00:00Z,2026-11-02,true,,needsReauth,-3\r\n", CsvWriter.Write(new CsvTable("t", ["n"], [row])));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+62 812", "'+62 812")]
    [InlineData("-bukan angka", "'-bukan angka")]
    [InlineData("@mention", "'@mention")]
    [InlineData("Berita biasa", "Berita biasa")]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string text, string field) =>
        Assert.Equal(field, CsvWriter.Field(text));
}
