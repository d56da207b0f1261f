namespace Broker.Api;

/// <summary>One row of <see cref="ProblemExceptionHandler.Problems"/>: an exception type, its status, and its problem's words.</summary>
internal sealed record ExceptionProblem(Type Type, Func<Exception, int> Status, string Title, Func<Exception, string> Detail);
