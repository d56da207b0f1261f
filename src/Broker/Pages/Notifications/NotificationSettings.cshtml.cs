using Broker.Access;
using Broker.Notifications;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Notifications;

/// <summary>
/// A person's own notification settings (contact, channel per kind, quiet hours, digest) and their recent notifications,
/// failed ones with the reason; editors also see everyone's failed notifications. Saving goes through the same checks as
/// <c>PUT /api/notifications/preferences</c>.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class NotificationSettingsModel(INotificationPreferenceStore preferences, INotificationStore notifications, TimeProvider time) : PageModel
{
    private const int Recent = 30;

    public NotificationPreferences? Saved { get; private set; }

    public IReadOnlyList<Notification> Mine { get; private set; } = [];

    public IReadOnlyList<Notification> FailedForEveryone { get; private set; } = [];

    public Dictionary<string, string[]>? Problems { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync(string? selesai, CancellationToken cancellationToken)
    {
        Done = selesai is not null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(
        string? email, string? telegramChatId, string? quietFrom, string? quietUntil, bool sharingDigest, CancellationToken cancellationToken)
    {
        var channels = Enum.GetNames<NotificationKind>()
            .Select(kind => (kind, chosen: Request.Form["channel-" + kind].ToString()))
            .Where(c => c.chosen.Length > 0)
            .ToDictionary(c => c.kind, c => c.chosen);
        var request = new PreferencesRequest(email, telegramChatId, channels, quietFrom, quietUntil, sharingDigest);
        var errors = request.Validate();
        if (errors.Any)
        {
            Problems = MessageText.Of(errors);
            await LoadAsync(cancellationToken);
            Saved = request.ToUnsaved(Caller.Of(User).Id);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await preferences.SaveAsync(request.ToPreferences(Caller.Of(User).Id, time.GetUtcNow()), cancellationToken);
        return Redirect("/notifikasi?selesai=1");
    }

    public static string KindLabel(NotificationKind kind) => kind switch
    {
        NotificationKind.Review => Text.Notif_Kind_Review,
        NotificationKind.Decision => Text.Notif_Kind_Decision,
        NotificationKind.Problem => Text.Notif_Kind_Problem,
        NotificationKind.Deadline => Text.Notif_Kind_Deadline,
        NotificationKind.Sharing => Text.Notif_Kind_Sharing,
        _ => Text.Notif_Kind_Webhook,
    };

    public static string ChannelLabel(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => Text.Notif_Channel_Email,
        NotificationChannel.Telegram => Text.Notif_Channel_Telegram,
        _ => Text.Notif_Channel_None,
    };

    /// <summary>The label a person reads for a field the checks name (<c>email</c>, <c>channels.review</c>, …), in the page's language.</summary>
    public static string FieldLabel(string field) => field switch
    {
        "email" => Text.Notif_Email,
        "telegramChatId" => Text.Notif_Telegram,
        "quietFrom" => Text.Notif_Field_QuietFrom,
        "quietUntil" => Text.Notif_Field_QuietUntil,
        _ when field.StartsWith("channels.", StringComparison.Ordinal) && Enum.TryParse<NotificationKind>(field["channels.".Length..], ignoreCase: true, out var kind)
            => $"{Text.Notif_Channels}: {KindLabel(kind)}",
        _ => Text.Notif_Channels,
    };

    public static string StatusLabel(NotificationStatus status) => status switch
    {
        NotificationStatus.Waiting => Text.Notif_Status_Waiting,
        NotificationStatus.Pending => Text.Notif_Status_Pending,
        NotificationStatus.Sent => Text.Notif_Status_Sent,
        NotificationStatus.Failed => Text.Notif_Status_Failed,
        _ => Text.Notif_Status_Digested,
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        Saved = await preferences.GetAsync(caller.Id, cancellationToken);
        Mine = await notifications.ForUserAsync(caller.Id, Recent, cancellationToken);
        if (caller.IsEditor)
        {
            FailedForEveryone = await notifications.FailedAsync(Recent, cancellationToken);
        }
    }
}
