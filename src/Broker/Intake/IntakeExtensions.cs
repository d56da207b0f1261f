namespace Broker.Intake;

public static class IntakeExtensions
{
    /// <summary>Items and photos coming in: the item intake, photo decoding and renditions, and the media files they keep.</summary>
    public static IHostApplicationBuilder AddBrokerIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MediaFiles>();
        builder.Services.AddSingleton<ItemIntake>();
        builder.Services.AddSingleton<ItemListCache>();
        builder.Services.AddSingleton<PhotoDecoding>();
        builder.Services.AddSingleton<PhotoIntake>();
        return builder;
    }
}
