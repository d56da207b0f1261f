using Broker.Adapters.Facebook;
using Broker.Adapters.Instagram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>Adapters registered with default settings, for tests that never call the network.</summary>
internal static class TestAdapters
{
    public static IChannelAdapter Facebook { get; } = Build("facebook");

    public static IChannelAdapter Instagram { get; } = Build("instagram");

    private static IChannelAdapter Build(string platform)
    {
        var configuration = new ConfigurationBuilder().Build();
        var provider = new ServiceCollection()
            .AddLogging()
            .AddFacebookAdapter(configuration)
            .AddInstagramAdapter(configuration)
            .BuildServiceProvider();
        return provider.GetServices<IChannelAdapter>().Single(adapter => adapter.Platform == platform);
    }

    public static MediaFile Photo(int width = 1080, int height = 1080, string contentType = "image/jpeg", long length = 200_000) => new()
    {
        Id = "photo",
        ContentType = contentType,
        Length = length,
        Width = width,
        Height = height,
        PublicUrl = new Uri("https://broker.example/media/photo.jpg"),
        OpenReadAsync = _ => Task.FromResult<Stream>(new MemoryStream()),
    };
}
