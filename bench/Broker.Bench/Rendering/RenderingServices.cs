using Broker.Accounts;
using Broker.Adapters.Facebook;
using Broker.Adapters.Instagram;
using Broker.Adapters.X;
using Broker.Bench.Infrastructure;
using Broker.Channels;
using Broker.Hosting;
using Broker.Intake;
using Broker.Rendering;
using Broker.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Bench.Rendering;

/// <summary>
/// The broker's rendering services wired as the host wires them (templates from the checkout's <c>templates/</c>, the
/// three built-in adapters for limits), with accounts, the OPD and the photo held in memory.
/// </summary>
internal static class RenderingServices
{
    public const string PhotoId = "photo-1";

    private static readonly DateTimeOffset EventEnded = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rendering:TemplatesPath"] = RepoPaths.Templates,
                ["Broker:PublicBaseUrl"] = "https://broker.example.go.id",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RenderingOptions>().Bind(configuration.GetSection(RenderingOptions.Section));
        services.AddOptions<BrokerOptions>().Bind(configuration.GetSection(BrokerOptions.Section));
        services.AddSingleton<IServer, NoServer>();
        new FacebookAdapterPlugin().Register(services, configuration);
        new InstagramAdapterPlugin().Register(services, configuration);
        new XAdapterPlugin().Register(services, configuration);
        services.AddSingleton<AdapterRegistry>();
        services.AddSingleton<IOpdStore>(new MemoryOpdStore(new Opd { Id = SampleNews.Opd, Name = SampleNews.OpdName }));
        services.AddSingleton<IAccountStore>(new MemoryAccountStore(new[] { "facebook", "instagram", "x" }.Select(Account)));
        services.AddSingleton<IMediaStore>(new MemoryMediaStore(new MediaRecord { Id = PhotoId, ContentType = "image/jpeg", Bytes = 350_000, Width = 1080, Height = 1080 }));
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<MediaFiles>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<PostRenderer>();
        return services.BuildServiceProvider();
    }

    /// <summary>The sample item with one photo, for one account of <paramref name="platform"/>.</summary>
    public static Item ItemFor(string platform) => new()
    {
        Id = "item-" + platform,
        Opd = SampleNews.Opd,
        Title = SampleNews.Title,
        Body = SampleNews.Body,
        Link = SampleNews.Link,
        EventEndedAt = EventEnded,
        MediaIds = [PhotoId],
        AccountIds = ["account-" + platform],
        Status = ItemStatus.Submitted,
    };

    private static Account Account(string platform) => new()
    {
        Id = "account-" + platform,
        Opd = SampleNews.Opd,
        Platform = platform,
        Name = "Pemkot " + platform,
        ExternalId = "1000001",
        ProtectedCredentials = "",
    };
}
