using Broker.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Broker.Tests.Hosting;

/// <summary>The text form of a public address is what building the <see cref="Uri"/> gives, whatever the base looks like.</summary>
public sealed class PublicUrlsTests
{
    [Theory]
    [InlineData("https://berita.samarindakota.go.id")]
    [InlineData("https://Berita.SamarindaKota.go.id/broker/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("https://berita.samarindakota.go.id:443/a/b")]
    public void A_plain_path_as_text_is_the_address_the_uri_gives(string publicBase)
    {
        var urls = new PublicUrls(Options.Create(new BrokerOptions { PublicBaseUrl = publicBase }), new NoServer());

        foreach (var relative in new[] { "s/Ab3dE5gH7k", "s/Ab3dE5gH7k?via=whatsapp", "/s/Ab3dE5gH7k/qr.png" })
        {
            Assert.Equal(urls.For(relative).AbsoluteUri, urls.Text(relative));
            Assert.Equal(urls.For(relative).OriginalString, urls.Text(relative));
        }
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
