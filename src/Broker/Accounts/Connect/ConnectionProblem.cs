namespace Broker.Accounts.Connect;

/// <summary>
/// Why a connection step was refused, as an RFC 9457 problem: status, title, and a detail the person can act on;
/// <paramref name="PageMessage"/> names the page text (a <c>Text</c> resource) a browser is shown instead of the generic one.
/// </summary>
public sealed record ConnectionProblem(int Status, string Title, string Detail, string? Field = null, string? PageMessage = null)
{
    /// <summary>The problem's stable machine code (<see cref="Api.ProblemCodes"/>), by its title.</summary>
    public string Code => Api.ProblemCodes.For(new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = Title, Status = Status });

    /// <summary>The callback or the choice came from another browser or user than the one that started the connection.</summary>
    public static ConnectionProblem OtherBrowser(string detail) =>
        new(StatusCodes.Status403Forbidden, "Started elsewhere", detail, PageMessage: "Problem_ConnectionOtherBrowser");

    public static ConnectionProblem Invalid(string field, string detail) => new(StatusCodes.Status400BadRequest, "The request has invalid fields", detail, field);
}
