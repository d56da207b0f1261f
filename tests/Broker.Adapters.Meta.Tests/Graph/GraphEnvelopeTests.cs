using System.Net;
using Broker.Adapters.Graph;

namespace Broker.Adapters.Meta.Tests.Graph;

public sealed class GraphEnvelopeTests
{
    [Fact]
    public void The_error_envelope_is_read_field_by_field()
    {
        const string body = """
            {"error":{"message":"Error validating access token","type":"OAuthException","code":190,
             "error_subcode":460,"fbtrace_id":"EJplcsCHuLu","is_transient":false}}
            """;

        var error = GraphError.Parse(400, body);

        Assert.Equal(new GraphError(400, 190, 460, "Error validating access token", "OAuthException", false, "EJplcsCHuLu"), error);
    }

    [Fact]
    public void An_answer_without_an_envelope_keeps_its_http_status()
    {
        var error = GraphError.Parse(502, "<html>Bad Gateway</html>");

        Assert.Equal((502, 0, (int?)null), (error.HttpStatus, error.Code, error.Subcode));
    }

    [Fact]
    public void The_business_use_case_header_gives_the_wait_in_minutes()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation(
            "X-Business-Use-Case-Usage",
            """{"104857600000001":[{"type":"pages","call_count":100,"total_cputime":40,"total_time":35,"estimated_time_to_regain_access":12}]}""");
        response.Headers.TryAddWithoutValidation("X-App-Usage", """{"call_count":28,"total_cputime":25,"total_time":25}""");

        var usage = GraphUsage.FromHeaders(response.Headers);

        Assert.Equal(new GraphUsage(100, TimeSpan.FromMinutes(12)), usage);
    }

    [Fact]
    public void A_zero_estimate_means_no_wait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation(
            "X-Business-Use-Case-Usage",
            """{"1":[{"type":"pages","call_count":3,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}""");

        var usage = GraphUsage.FromHeaders(response.Headers);

        Assert.Equal(new GraphUsage(3, null), usage);
    }

    [Fact]
    public void A_malformed_usage_header_counts_as_no_usage()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-App-Usage", "not json");

        Assert.Equal(GraphUsage.None, GraphUsage.FromHeaders(response.Headers));
    }
}
