using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Notifications;

/// <summary>Each person's notification preferences and notifications; the editors' view of failed notifications.</summary>
public static class NotificationsApi
{
    private const int Recent = 50;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications");
        group.MapGet("/preferences", GetPreferences).RequireAuthorization(Policies.Member);
        group.MapPut("/preferences", SavePreferences).RequireAuthorization(Policies.Member);
        group.MapGet("/", Mine).RequireAuthorization(Policies.Member);
        group.MapGet("/failed", Failed).RequireAuthorization(Policies.Editor);
        return app;
    }

    public sealed record PreferencesView(
        string? Email, string? TelegramChatId, Dictionary<string, NotificationChannel> Channels, string? QuietFrom, string? QuietUntil, bool SharingDigest)
    {
        public static PreferencesView Of(NotificationPreferences? p) => new(
            p?.Email,
            p?.TelegramChatId,
            Enum.GetValues<NotificationKind>().ToDictionary(k => PreferencesRequest.Camel(k.ToString()), k => p?.ChannelFor(k) ?? NotificationChannel.None),
            p?.QuietFrom,
            p?.QuietUntil,
            p?.SharingDigest ?? true);
    }

    public sealed record NotificationView(
        string Id, string UserId, string EventType, NotificationKind Kind, NotificationChannel Channel, string Subject, NotificationStatus Status,
        int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
    {
        public static NotificationView Of(Notification n) =>
            new(n.Id, n.UserId, n.EventType, n.Kind, n.Channel, n.Subject, n.Status, n.Attempts, n.NextAttemptAt, n.LastError, n.CreatedAt, n.SentAt);
    }

    public static async Task<Ok<PreferencesView>> GetPreferences(INotificationPreferenceStore preferences, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(PreferencesView.Of(await preferences.GetAsync(Caller.Of(context).Id, cancellationToken)));

    public static async Task<Results<Ok<PreferencesView>, ValidationProblem>> SavePreferences(
        PreferencesRequest request, INotificationPreferenceStore preferences, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var saved = request.ToPreferences(Caller.Of(context).Id, time.GetUtcNow());
        await preferences.SaveAsync(saved, cancellationToken);
        return TypedResults.Ok(PreferencesView.Of(saved));
    }

    public static async Task<JsonList<NotificationView[]>> Mine(INotificationStore notifications, HttpContext context, CancellationToken cancellationToken) =>
        ApiResults.List((await notifications.ForUserAsync(Caller.Of(context).Id, Recent, cancellationToken)).Select(NotificationView.Of).ToArray());

    public static async Task<JsonList<NotificationView[]>> Failed(INotificationStore notifications, CancellationToken cancellationToken) =>
        ApiResults.List((await notifications.FailedAsync(Recent, cancellationToken)).Select(NotificationView.Of).ToArray());
}
