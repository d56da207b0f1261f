using Broker.Access;
using Broker.Api;
using Broker.Intake;

namespace Broker.Pages.Items;

/// <summary>
/// Reads the item form of the submit and edit pages into the API's <see cref="ItemRequest"/>: new photos through
/// <see cref="PhotoIntake"/>, times in the installation's zone, then <see cref="ItemIntake"/>'s own checks, so a page
/// accepts exactly what the API accepts, with the problems in the page's language.
/// </summary>
public sealed class ItemFormReader(ItemIntake intake, PhotoIntake photos, LocalTime time)
{
    public async Task<(ItemRequest Request, FieldErrors Errors)> ReadAsync(
        SubmitForm form, IReadOnlyList<IFormFile> photo, Caller caller, long? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new FieldErrors();
        foreach (var file in photo.Where(f => f.Length > 0))
        {
            var stored = await photos.StoreAsync(file, caller.Id, cancellationToken);
            if (stored.Photo is { } record)
            {
                form.MediaIds.Add(record.Id);
            }
            else
            {
                errors.Add("mediaIds", stored.Problem!);
            }
        }

        var eventEnded = time.Read(form.EventEndedAt, out var eventEndedProblem);
        if (eventEndedProblem is not null)
        {
            errors.Add("eventEndedAt", eventEndedProblem);
        }

        var publishAt = time.ReadComing(form.PublishAt, out var publishAtProblem);
        if (publishAtProblem is not null)
        {
            errors.Add("publishAt", publishAtProblem);
        }

        var request = new ItemRequest(form.Opd, form.Title, form.Body, form.Link, eventEnded, form.MediaIds, form.AccountIds, publishAt, version);
        foreach (var (field, messages) in (await intake.ValidateAsync(request, caller, cancellationToken)).Messages())
        {
            // The page read and checked the times itself, by the same rule, in the person's language.
            foreach (var message in field switch { "eventEndedAt" or "publishAt" => [], "link" => [new UserMessage(null, Text.Submit_BadLink)], _ => messages })
            {
                errors.Add(field, message);
            }
        }

        return (request, errors);
    }
}
