using Broker.Events;
using Broker.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Webhooks;

public static class WebhooksExtensions
{
    /// <summary>Signed webhooks: the outbox consumer that queues messages, the sender, and the guarded HTTP client.</summary>
    public static IHostApplicationBuilder AddBrokerWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.Section);
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookConnector>();
        builder.Services.TryAddSingleton<IWebhookResolver, DnsWebhookResolver>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookService>();
        builder.Services.AddSingleton<WebhookDelivery>();
        builder.Services.AddEventConsumer<WebhookConsumer>();
        builder.Services.AddHostedService<WebhookSender>();

        // No proxy, no redirects, the connection made to the address that was checked: see WebhookTargets.
        builder.Services.AddHttpClient(WebhookDelivery.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            });
        return builder;
    }
}
