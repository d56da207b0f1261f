#if !ON_POSTGRESQL
using Broker.Guardrails;

namespace Broker.Tests.Guardrails;

/// <summary>How terms are found: case and diacritics ignored, whole words only (no host needed; LiteDB run only).</summary>
public sealed class ElectionTermsTests
{
    [Theory]
    [InlineData("Kampanye PASLON 2 di Samarinda", "Paslon 2")]
    [InlineData("Dukung josé ramírez!", "José Ramírez")]
    [InlineData("Dukung José Ramírez!", "jose ramirez")]
    [InlineData("nomor urut 2, coblos!", "2")]
    [InlineData("Bersama   Membangun\nKota", "bersama membangun kota")]
    [InlineData("(Partai Maju)", "partai maju")]
    public void A_term_is_found_whatever_its_case_and_diacritics(string text, string term) =>
        Assert.Equal([term], ElectionTerms.Find(text, [term]));

    [Theory]
    [InlineData("Festival 2026 dibuka", "2")]
    [InlineData("Rapat A2 ditunda", "2")]
    [InlineData("Paslon 22 tidak ada", "Paslon 2")]
    [InlineData("Partai Majulah", "Partai Maju")]
    [InlineData("", "Paslon 2")]
    public void A_term_inside_another_word_or_number_is_not_found(string text, string term) =>
        Assert.Empty(ElectionTerms.Find(text, [term]));

    [Fact]
    public void Every_term_found_is_named_once_in_the_order_given() =>
        Assert.Equal(["Ani", "3"], ElectionTerms.Find("Ani, nomor 3. Ani lagi, nomor 3.", ["Ani", "Budi", "3"]));
}
#endif
