#if !ON_POSTGRESQL // no storage in it: one run is enough
using System.Text.Json;
using System.Text.Json.Serialization;
using Broker.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Tests.Api;

public sealed class JsonListTests
{
    private sealed record Row(string Name, DayOfWeek Day, string? Note);

    [Fact]
    public async Task A_list_is_written_whole_with_the_apps_json_options_and_lets_go_of_its_rows()
    {
        var services = new ServiceCollection()
            .Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        var body = new MemoryStream();
        context.Response.Body = body;
        Row[] rows = [new("Ani", DayOfWeek.Monday, null), new("Budi \"B\" <b>", DayOfWeek.Friday, "ß € 𝄞")];
        var result = ApiResults.List(rows);

        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.SerializerOptions;
        Assert.Equal(JsonSerializer.Serialize(rows, options), System.Text.Encoding.UTF8.GetString(body.ToArray()));
        Assert.Contains("\"day\":\"monday\"", System.Text.Encoding.UTF8.GetString(body.ToArray()), StringComparison.Ordinal);
        Assert.Null(result.Value);
        await Assert.ThrowsAsync<InvalidOperationException>(() => result.ExecuteAsync(context));
    }
}
#endif
