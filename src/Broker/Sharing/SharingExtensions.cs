using Broker.Amplification;
using Broker.Asn;
using Broker.Hosting;

namespace Broker.Sharing;

public static class SharingExtensions
{
    /// <summary>The ASN directory, amplification requests, share links with their redirect, and click counting.</summary>
    public static IHostApplicationBuilder AddBrokerSharing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SharingOptions, SharingOptionsValidator>(SharingOptions.Section);
        builder.Services.AddSingleton<AsnImport>();
        builder.Services.AddSingleton<AsnImportPreviews>();
        builder.Services.AddSingleton<AsnSignIns>();
        builder.Services.AddSingleton<AmplificationService>();
        builder.Services.AddSingleton<ShareSettings>();
        builder.Services.AddSingleton<ShareLinks>();
        builder.Services.AddSingleton<OpenItems>();
        builder.Services.AddSingleton<ShareList>();
        builder.Services.AddSingleton<LinkResolver>();
        builder.Services.AddSingleton<VisitorHash>();
        builder.Services.AddSingleton<RedirectLimiter>();
        builder.Services.AddSingleton<ClickRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickRecorder>());
        builder.Services.AddSingleton<ShareRedirect>();
        return builder;
    }

    public static WebApplication MapBrokerSharing(this WebApplication app)
    {
        app.MapAsnApi();
        app.MapAmplificationApi();
        app.MapSharingApi();
        app.MapShareRedirects();
        return app;
    }
}
