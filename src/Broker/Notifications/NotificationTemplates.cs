using System.Globalization;
using Broker.Rendering;
using Scriban.Runtime;

namespace Broker.Notifications;

/// <summary>
/// The messages people get: Scriban templates <c>notifications/{event type}.sbn</c> and <c>notifications/digest.sbn</c>
/// in the templates folder, parsed with the other templates at start (<see cref="TemplateCatalog"/>) and run in the same
/// sandbox (<see cref="TemplateRenderer"/>). The first line of a message is its subject.
/// </summary>
public sealed class NotificationTemplates(TemplateCatalog catalog, TemplateRenderer renderer)
{
    public const string DigestName = "digest";

    private const int CheckAttempts = 3;

    public static IEnumerable<string> Names => NotificationKinds.Notified.Append(DigestName);

    /// <summary>Renders a message; a missing or failing template is an exception naming it, never a silent drop.</summary>
    public NotificationMessage Render(string name, ScriptObject model) => Render(name, model, attempts: 1);

    private NotificationMessage Render(string name, ScriptObject model, int attempts)
    {
        var template = catalog.Find("notifications/" + name)
            ?? throw new TemplateLoadException($"The notification template 'notifications/{name}.sbn' is missing from {catalog.Folder}.");
        var result = renderer.Render(template, model);
        for (var attempt = 1; result.TimedOut && attempt < attempts; attempt++)
        {
            result = renderer.Render(template, model);
        }

        if (result.Error is not null)
        {
            throw new TemplateLoadException($"The notification template 'notifications/{name}.sbn' failed: {result.Error}");
        }

        var text = result.Text!;
        var firstLine = text.Split('\n', 2)[0].Trim();
        return new NotificationMessage(firstLine.Length > 200 ? firstLine[..200] : firstLine, text);
    }

    /// <summary>
    /// Renders every template with a sample model: a template that is missing or fails stops the start. A render over
    /// its time budget is tried again (the first renders run cold, on a machine that may be busy starting everything
    /// else); one that keeps running over stops the start like any other failure.
    /// </summary>
    public void Check()
    {
        var failures = new List<string>();
        foreach (var name in Names)
        {
            try
            {
                Render(name, Sample(), CheckAttempts);
            }
            catch (TemplateLoadException ex)
            {
                failures.Add(ex.Message);
            }
        }

        if (failures.Count > 0)
        {
            throw new TemplateLoadException(string.Join(" ", failures));
        }
    }

    private static ScriptObject Sample()
    {
        var model = new ScriptObject
        {
            ["title"] = "Contoh judul",
            ["opd"] = "dinkes",
            ["reason"] = "Contoh alasan",
            ["account"] = "Contoh akun",
            ["platform"] = "contoh",
            ["link"] = "https://broker.example/konten/1",
            ["at"] = DateTimeOffset.UnixEpoch.ToString("d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("id-ID")),
            ["deadline"] = string.Empty,
            ["actor"] = "Contoh",
            ["recipient"] = "Contoh",
            ["decision"] = "accepted",
            ["url"] = "https://portal.example/webhook",
            ["data"] = new ScriptObject(),
        };
        var items = new ScriptArray { new ScriptObject { ["title"] = "Contoh", ["link"] = "https://broker.example/asn" } };
        model["items"] = items;
        model["count"] = items.Count;
        return model;
    }
}
