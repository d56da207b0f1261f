namespace Broker.Notifications;

/// <summary>At start, after the templates are parsed: every notification template is there and renders, or the start stops naming it.</summary>
internal sealed class NotificationTemplateCheck(NotificationTemplates templates) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        templates.Check();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
