namespace Broker.Accounts.Connect;

/// <summary>Why a connection step was refused, as an RFC 9457 problem: status, title, and a detail the person can act on.</summary>
public sealed record ConnectionProblem(int Status, string Title, string Detail, string? Field = null)
{
    public static ConnectionProblem Invalid(string field, string detail) => new(StatusCodes.Status400BadRequest, "The request has invalid fields", detail, field);
}
