namespace Broker.Feeds;

public static class FeedsExtensions
{
    /// <summary>The public feeds of published items, and the subscriptions that turn others' feeds into submitted items.</summary>
    public static IHostApplicationBuilder AddBrokerFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PublishedFeed>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBrokerFeeds(this IEndpointRouteBuilder app)
    {
        app.MapPublishedFeeds();
        return app;
    }
}
