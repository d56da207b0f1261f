namespace Broker.Bench.Infrastructure;

/// <summary>A realistic news item: an Indonesian city government's press release of about a thousand characters.</summary>
internal static class SampleNews
{
    public const string Opd = "diskominfo";

    public const string OpdName = "Dinas Komunikasi dan Informatika";

    public const string Title = "Wali Kota resmikan Taman Samarendah di tepi Sungai Mahakam, ruang hijau baru bagi warga";

    public const string Link = "https://portal.example.go.id/berita/2026/11/wali-kota-resmikan-taman-samarendah";

    public static readonly string Body = string.Join(
        " ",
        "Pemerintah kota meresmikan taman baru seluas dua hektare di tepi Sungai Mahakam pada Senin pagi.",
        "Taman ini dilengkapi jalur pejalan kaki, area bermain anak, lapangan olahraga, dan pojok baca yang dikelola Dinas Perpustakaan.",
        "Wali Kota mengajak warga menjaga kebersihan dan keamanan taman bersama-sama, serta memanfaatkannya untuk kegiatan keluarga.",
        "Pembangunan taman dibiayai APBD dan selesai tepat waktu dalam delapan bulan, dengan melibatkan tenaga kerja lokal.",
        "Dinas Lingkungan Hidup menanam lebih dari lima ratus pohon peneduh, dan Dinas Perhubungan menyiapkan area parkir sepeda.",
        "Taman dibuka untuk umum setiap hari mulai pukul enam pagi hingga pukul sepuluh malam tanpa dipungut biaya.",
        "Informasi kegiatan dan peminjaman fasilitas dapat diperoleh melalui kanal resmi Pemerintah Kota dan layanan pengaduan warga.");

    /// <summary>The Facebook text of item <paramref name="index"/>, as the shipped template renders it; the index keeps every post unique.</summary>
    public static string FacebookText(int index) =>
        $"[{index}] {Title}\n\n{Body}\n\nSelengkapnya: {Link}\n\n#{Opd}";

    /// <summary>The index back from a post's text; -1 when the text is not one of ours.</summary>
    public static int IndexOf(string? text)
    {
        if (text is null || !text.StartsWith('['))
        {
            return -1;
        }

        var end = text.IndexOf(']', StringComparison.Ordinal);
        return end > 1 && int.TryParse(text.AsSpan(1, end - 1), System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : -1;
    }
}
