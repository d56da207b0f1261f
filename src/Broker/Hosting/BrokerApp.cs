using Broker.Access;
using Broker.Accounts;
using Broker.Accounts.Connect;
using Broker.Audit;
using Broker.Channels;
using Broker.Cluster;
using Broker.Dispatch;
using Broker.Engagement;
using Broker.Events;
using Broker.Feeds;
using Broker.Guardrails;
using Broker.Intake;
using Broker.Notifications;
using Broker.Pages;
using Broker.Privacy;
using Broker.Records;
using Broker.Rendering;
using Broker.Reports;
using Broker.Retraction;
using Broker.Review;
using Broker.Sandbox;
using Broker.Scheduling;
using Broker.Sharing;
using Broker.Storage;
using Broker.Telemetry;
using Broker.Webhooks;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>The broker as one application: the API and the publishing worker in one host. Tests build it the same way.</summary>
public static class BrokerApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,

            // The pages are found in the application's assembly: name it, since under a test host the entry assembly is another.
            ApplicationName = typeof(BrokerApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);

        builder.AddBrokerHosting();
        builder.AddBrokerTelemetry();
        builder.AddBrokerAccess();
        builder.AddBrokerSandbox();
        builder.AddBrokerStorage();
        builder.AddBrokerEvents();
        builder.AddBrokerWebhooks();
        builder.AddBrokerCluster();
        builder.AddBrokerAdapters();
        builder.AddBrokerRendering();
        builder.AddBrokerAudit();
        builder.AddBrokerAccounts();
        builder.AddBrokerIntake();
        builder.AddBrokerReview();
        builder.AddBrokerDispatch();
        builder.AddBrokerScheduling();
        builder.AddBrokerSharing();
        builder.AddAccountConnection();
        builder.AddBrokerReports();
        builder.AddBrokerFeeds();
        builder.AddBrokerGuardrails();
        builder.AddBrokerPrivacy();
        builder.AddBrokerNotifications();
        builder.AddBrokerRetraction();
        builder.AddBrokerRecords();
        builder.AddBrokerEngagement();
        builder.AddBrokerPages();

        var app = builder.Build();

        // Every options class is checked before anything is resolved (mapping the share redirect opens the store), so bad
        // settings stop the start here, all of them in one exception, before a file or a connection is opened.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.UseBrokerHosting();
        app.MapBrokerTelemetry();
        app.UseBrokerAccess();
        app.UseBrokerPages();
        app.MapUsersApi();
        app.MapSessionsApi();
        app.MapOpdsApi();
        app.MapAccountsApi();
        app.MapAccountConnectionApi();
        app.MapMediaApi();
        app.MapItemsApi();
        app.MapReviewApi();
        app.MapDeliveriesApi();
        app.MapAuditApi();
        app.MapBackupApi();
        app.MapBrokerSharing();
        app.MapReportsApi();
        app.MapBrokerFeeds();
        app.MapNotificationsApi();
        app.MapWebhooksApi();
        app.MapBrokerGuardrails();
        app.MapPrivacyApi();
        app.MapRetractionApi();
        app.MapRecordsApi();
        app.MapEngagementReportsApi();
        app.MapBrokerPages();
        return app;
    }
}
