namespace Broker.Review;

public static class ReviewExtensions
{
    /// <summary>The review of submitted items: approving, sending back, rejecting.</summary>
    public static IHostApplicationBuilder AddBrokerReview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReviewService>();
        return builder;
    }
}
