using Broker.Events;
using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Notifications;

public static class NotificationsExtensions
{
    /// <summary>Notifications to people: the event consumer that enqueues, the worker that sends by email and Telegram, the templates' check.</summary>
    public static IHostApplicationBuilder AddBrokerNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<NotificationsOptions, NotificationsOptionsValidator>(NotificationsOptions.Section);
        builder.Services.AddHttpClient(TelegramSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<NotificationClock>();
        builder.Services.AddSingleton<NotificationSignal>();
        builder.Services.AddSingleton<NotificationTemplates>();
        builder.Services.AddSingleton<EventFactsReader>();
        builder.Services.AddSingleton<NotificationDigests>();
        builder.Services.AddSingleton<INotificationSender, EmailSender>();
        builder.Services.AddSingleton<INotificationSender, TelegramSender>();
        builder.Services.AddEventConsumer<NotificationConsumer>();
        builder.Services.AddHostedService<NotificationTemplateCheck>();
        builder.Services.AddHostedService<NotificationWorker>();
        return builder;
    }
}
