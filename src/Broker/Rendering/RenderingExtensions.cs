using Broker.Hosting;
namespace Broker.Rendering;

public static class RenderingExtensions
{
    public static IHostApplicationBuilder AddBrokerRendering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RenderingOptions, RenderingOptionsValidator>(RenderingOptions.Section);
        builder.Services.AddSingleton<TemplateCatalog>();
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<PostRenderer>();
        builder.Services.AddHostedService<TemplateLoader>();
        return builder;
    }
}
