using Broker.Adapters.X.Publishing;

namespace Broker.Adapters.X.Tests.Publishing;

public sealed class XPostTextMatcherTests
{
    [Theory]
    [InlineData("Banjir surut.\n\nInfo: https://portal.example.go.id/b/1", "Banjir surut.\n\nInfo: https://t.co/AbC123xyz")]
    [InlineData("Rapat RT & RW <terbuka>", "Rapat RT &amp; RW &lt;terbuka&gt;")]
    [InlineData("Tiga foto kegiatan", "Tiga foto kegiatan https://t.co/MediaLink1")]
    [InlineData("Cafe\u0301  buka", "Caf\u00E9 buka")]
    public void Texts_x_rewrote_still_match(string rendered, string remote)
    {
        Assert.True(XPostTextMatcher.Matches(rendered, remote));
    }

    [Theory]
    [InlineData("Banjir surut di Kelurahan A", "Banjir surut di Kelurahan B")]
    [InlineData("Info: https://portal.example.go.id/b/1", "Info: https://t.co/a tambahan")]
    [InlineData("Pengumuman", "Pengumuman lanjutan")]
    public void Different_texts_do_not_match(string rendered, string remote)
    {
        Assert.False(XPostTextMatcher.Matches(rendered, remote));
    }
}
