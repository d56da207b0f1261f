using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api;

/// <summary>Turns refusals into RFC 9457 problem answers.</summary>
public static class ApiResults
{
    /// <summary>The member of a validation problem that holds each field's message codes (<see cref="MessageCodes"/>).</summary>
    public const string ErrorCodesMember = "errorCodes";

    /// <summary>The member of a state conflict that holds its reason's code and arguments (<see cref="MessageCodes"/>).</summary>
    public const string ReasonMember = "reason";

    /// <summary>A 200 with <paramref name="rows"/>, serialised whole before any is sent (<see cref="JsonList{T}"/>).</summary>
    public static JsonList<T> List<T>(T rows)
        where T : class => new(rows);

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} '{id}'.", extensions: Code(ProblemCodes.NotFound));

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail, extensions: Code(ProblemCodes.Forbidden));

    /// <summary>A 403 with its reason's code and arguments beside the English (<see cref="ReasonMember"/>).</summary>
    public static ProblemHttpResult Forbidden(UserMessage reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var extensions = Code(ProblemCodes.Forbidden);
        extensions[ReasonMember] = reason.ForApi();
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: reason.English, extensions: extensions);
    }

    /// <summary>A 403 that names the field the caller may not set, with the message's code beside its English (<c>errorCodes</c>).</summary>
    public static ProblemHttpResult Forbidden(string field, UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message.English] })
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed",
            Detail = message.English,
        };
        problem.Extensions[ProblemCodes.Member] = ProblemCodes.Forbidden;
        problem.Extensions[ErrorCodesMember] = ErrorCodes(new Dictionary<string, UserMessage[]> { [field] = [message] });
        return TypedResults.Problem(problem);
    }

    /// <summary>A 400 with each field's English messages, and their codes beside them (<c>errorCodes</c>, see <see cref="MessageCodes"/>).</summary>
    public static ValidationProblem Invalid(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var extensions = Code(ProblemCodes.InvalidFields);
        extensions[ErrorCodesMember] = ErrorCodes(errors.Messages());
        return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields", extensions: extensions);
    }

    public static ValidationProblem Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static IResult Refused(OperationResult result) => result switch
    {
        { ConflictReason: { } reason } => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Not allowed in the current state",
            detail: reason,
            extensions: ConflictExtensions(result)),
        { Problems: { } problems } => TypedResults.Problem(PlatformRules(result, problems)),
        _ => throw new InvalidOperationException("The operation succeeded; nothing to refuse."),
    };

    /// <summary>The <c>code</c> member of a problem (<see cref="ProblemCodes"/>).</summary>
    public static Dictionary<string, object?> Code(string code) => new() { [ProblemCodes.Member] = code };

    /// <summary>Each field's message codes and arguments, in the order of its English messages.</summary>
    public static Dictionary<string, object?[]> ErrorCodes(IReadOnlyDictionary<string, UserMessage[]> messages) =>
        messages.ToDictionary(e => e.Key, e => e.Value.Select(m => (object?)m.ForApi()).ToArray(), StringComparer.Ordinal);

    private static Dictionary<string, object?> ConflictExtensions(OperationResult result)
    {
        var extensions = Code(ProblemCodes.StateConflict);
        if (result.CurrentStatus is { } current)
        {
            extensions["currentStatus"] = current;
        }

        if (result.Reason is { Code: not null } reason)
        {
            extensions[ReasonMember] = reason.ForApi();
        }

        return extensions;
    }

    private static HttpValidationProblemDetails PlatformRules(OperationResult result, IReadOnlyDictionary<string, string[]> problems)
    {
        var details = new HttpValidationProblemDetails(problems.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The item breaks platform rules",
            Detail = "Fix the item (or its template) and submit it again.",
        };
        if (result.Messages is { } messages)
        {
            details.Extensions[ErrorCodesMember] = ErrorCodes(messages);
        }

        return details;
    }
}
