using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api;

/// <summary>Turns refusals into RFC 9457 problem answers.</summary>
public static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} '{id}'.", extensions: Code(ProblemCodes.NotFound));

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail, extensions: Code(ProblemCodes.Forbidden));

    /// <summary>A 403 that names the field the caller may not set.</summary>
    public static ProblemHttpResult Forbidden(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed",
            Detail = message,
        });

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields", extensions: Code(ProblemCodes.InvalidFields));

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
            extensions: result.CurrentStatus is { } current
                ? new Dictionary<string, object?> { [ProblemCodes.Member] = ProblemCodes.StateConflict, ["currentStatus"] = current }
                : Code(ProblemCodes.StateConflict)),
        { Problems: { } problems } => TypedResults.Problem(new HttpValidationProblemDetails(problems.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The item breaks platform rules",
            Detail = "Fix the item (or its template) and submit it again.",
        }),
        _ => throw new InvalidOperationException("The operation succeeded; nothing to refuse."),
    };

    /// <summary>The <c>code</c> member of a problem (<see cref="ProblemCodes"/>).</summary>
    public static Dictionary<string, object?> Code(string code) => new() { [ProblemCodes.Member] = code };
}
