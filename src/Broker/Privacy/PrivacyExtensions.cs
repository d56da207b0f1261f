using Broker.Hosting;
namespace Broker.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Click retention and one ASN's export and erasure (UU PDP 27/2022).</summary>
    public static IHostApplicationBuilder AddBrokerPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PrivacyOptions, PrivacyOptionsValidator>(PrivacyOptions.Section);
        builder.Services.AddSingleton<AsnPrivacy>();
        builder.Services.AddSingleton<ClickRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClickRetention>());
        return builder;
    }
}
