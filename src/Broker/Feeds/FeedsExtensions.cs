using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

public static class FeedsExtensions
{
    /// <summary>The public feeds of published items, and the subscriptions that turn others' feeds into submitted items.</summary>
    public static IHostApplicationBuilder AddBrokerFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<FeedsOptions, FeedsOptionsValidator>(FeedsOptions.Section);
        builder.Services.AddSingleton<PublishedFeed>();
        builder.Services.AddSingleton<AddressPolicy>();
        builder.Services.AddHttpClient(SafeFetcher.ClientName, (services, client) =>
            {
                client.Timeout = services.GetRequiredService<IOptions<FeedsOptions>>().Value.RequestTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Broker-FeedReader/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services => SafeFetcher.Handler(services.GetRequiredService<AddressPolicy>()));
        builder.Services.AddSingleton<SafeFetcher>();
        builder.Services.AddSingleton<FeedPoller>();
        builder.Services.AddSingleton<FeedSubscriptions>();
        builder.Services.AddHostedService<FeedPollingService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBrokerFeeds(this IEndpointRouteBuilder app)
    {
        app.MapPublishedFeeds();
        app.MapFeedSubscriptionsApi();
        return app;
    }
}
