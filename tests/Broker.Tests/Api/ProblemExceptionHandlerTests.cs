#if !ON_POSTGRESQL // no storage in it: one run is enough
using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Tests.Api;

/// <summary>One handler, one table: each exception that answers the caller keeps the status and problem it had.</summary>
public sealed class ProblemExceptionHandlerTests
{
    public static TheoryData<string, int, string, string> Cases => new()
    {
        { "duplicate", 409, "Another request stored the same key at the same moment", "NIP 1 exists. Nothing of this request was stored; send it again to see what is there now." },
        { "failstop", 503, "The broker is stopping after a disk failure", "fsync failed" },
        { "json", 400, "The request could not be read", "The JSON body is not valid: bad token" },
        { "toolarge", 413, "The request could not be read", "too large" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_exception_in_the_table_is_answered_with_its_status_and_problem(string kind, int status, string title, string detail)
    {
        Exception exception = kind switch
        {
            "duplicate" => new DuplicateKeyException("NIP 1 exists."),
            "failstop" => new FailStopException("fsync failed"),
            "json" => new BadHttpRequestException("unreadable", 400, new JsonException("bad token")),
            _ => new BadHttpRequestException("too large", 413),
        };

        var (handled, context) = await HandleAsync(exception);

        Assert.True(handled);
        Assert.Equal(status, context.Response.StatusCode);
        var problem = JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Equal(title, problem["title"]?.GetValue<string>());
        Assert.Equal(detail, problem["detail"]?.GetValue<string>());
    }

    [Fact]
    public async Task An_exception_not_in_the_table_is_left_to_the_default_500()
    {
        var (handled, context) = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static async Task<(bool Handled, HttpContext Context)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>());
        return (await handler.TryHandleAsync(context, exception, CancellationToken.None), context);
    }
}
#endif
