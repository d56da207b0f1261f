using System.Globalization;
using Broker.Api;
using Broker.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broker.Pages;

/// <summary>
/// The web pages: server-rendered Razor Pages signed in with the session cookie, in Indonesian unless the person picked
/// English (<c>/bahasa</c>), with no script, and every form protected by an antiforgery token.
/// </summary>
public static class PagesExtensions
{
    public static readonly IReadOnlyList<CultureInfo> Cultures = [new PageCulture("id"), CultureInfo.GetCultureInfo("en")];

    public static IHostApplicationBuilder AddBrokerPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LocalTime>();
        builder.Services.AddSingleton<PostLinks>();
        builder.Services.AddSingleton<Deliveries.DeliveryScope>();
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new PageHeaders()));
        builder.Services.AddSingleton<Items.ItemFormReader>();
        builder.Services.AddOptions<RazorPagesOptions>().Configure<IOptions<BrokerOptions>>((o, broker) =>
        {
            foreach (var upload in new[] { "/Items/SubmitItem", "/Items/EditItem" })
            {
                o.Conventions.AddPageApplicationModelConvention(upload, page =>
                    page.EndpointMetadata.Add(new UploadSizeLimit((broker.Value.MaxUploadBytes * Intake.ItemIntake.MaxPhotos) + (1024 * 1024))));
            }
        });
        builder.Services.AddOptions<RazorPagesOptions>().Configure(o =>
            o.Conventions.AddPageApplicationModelConvention("/Asn/AsnImportPage", page => page.EndpointMetadata.Add(new UploadSizeLimit(global::Broker.Asn.AsnApi.MaxImportBytes + (64 * 1024)))));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = [.. Cultures];
            o.SupportedUICultures = [.. Cultures];
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        // Problems on pages (403, 404) are shown as a page, not as JSON; the API keeps RFC 9457 JSON.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, PageProblemWriter>());
        return builder;
    }

    /// <summary>The person's language for everything but the API, whose messages stay in English and invariant.</summary>
    public static WebApplication UseBrokerPages(this WebApplication app)
    {
        app.UseWhen(context => !IsApi(context.Request), pages => pages.UseRequestLocalization());
        return app;
    }

    public static WebApplication MapBrokerPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
