using System.Net;
using System.Text;
using System.Text.Json;
using Broker.Adapters.Graph;

namespace Broker.Adapters.Meta.Tests.Graph;

public sealed class GraphInsightsTests
{
    private static readonly GraphErrorTable Table = new([GraphErrorRule.Code([4, 17, 32, 613], GraphErrorClass.Throttled, "throttled"), GraphErrorRule.Otherwise(GraphErrorClass.Permanent, "refused")]);

    [Fact]
    public void The_insights_answer_as_meta_documents_it_becomes_names_and_values_with_reactions_by_type_added_up()
    {
        // The shape of GET /{object-id}/insights in Meta's reference: data[] of {name, period, values[{value}], title, id}.
        const string body = """
            {"data":[
              {"name":"post_total_media_view_unique","period":"lifetime","values":[{"value":1204}],"title":"Lifetime Post Total Unique Viewers","id":"1_2/insights/post_total_media_view_unique/lifetime"},
              {"name":"post_reactions_by_type_total","period":"lifetime","values":[{"value":{"like":31,"love":4,"wow":1}}],"id":"1_2/insights/post_reactions_by_type_total/lifetime"},
              {"name":"reach","period":"lifetime","values":[],"id":"1_2/insights/reach/lifetime"}
            ]}
            """;
        using var document = JsonDocument.Parse(body);

        var values = GraphInsights.Values(document.RootElement);

        Assert.Equal(new Dictionary<string, long> { ["post_total_media_view_unique"] = 1204, ["post_reactions_by_type_total"] = 36 }, values);
    }

    [Fact]
    public async Task A_retired_metric_spoiling_the_call_is_found_by_asking_one_at_a_time_skipped_and_not_asked_again()
    {
        var handler = new InsightsHandler(retired: "post_impressions_unique");
        using var http = new HttpClient(handler);
        var api = new GraphApi(http, new Uri("http://graph.test/v25.0"), "token");
        var insights = new GraphInsights(Table, TimeSpan.FromMinutes(5));
        var skipped = new List<string>();

        var first = await insights.ReadAsync(api, "1_2", ["post_impressions_unique", "post_media_view"], DateTimeOffset.UnixEpoch, skipped.Add, CancellationToken.None);
        var calls = handler.Calls;
        var second = await insights.ReadAsync(api, "1_2", ["post_impressions_unique", "post_media_view"], DateTimeOffset.UnixEpoch, skipped.Add, CancellationToken.None);

        var read = Assert.IsType<ReadOutcome.Metrics>(first).Read;
        Assert.Equal(7, Assert.Single(read.Values).Value);
        Assert.Equal(["post_impressions_unique"], read.Skipped);
        Assert.Equal(["post_impressions_unique"], skipped);
        Assert.Equal(3, calls);
        Assert.Equal(calls + 1, handler.Calls);
        Assert.Equal(["post_impressions_unique"], Assert.IsType<ReadOutcome.Metrics>(second).Read.Skipped);
    }

    [Fact]
    public void A_missing_permission_is_not_permitted_and_throttling_waits_for_the_usage_headers_time()
    {
        var insights = new GraphInsights(Table, TimeSpan.FromMinutes(5));
        var now = DateTimeOffset.UnixEpoch;

        Assert.IsType<ReadOutcome.NotPermitted>(insights.FailureOf(new GraphResult.Refusal(new GraphError(403, 10, null, "(#10) Application does not have permission for this action"), GraphUsage.None), now));
        Assert.IsType<ReadOutcome.NotPermitted>(insights.FailureOf(new GraphResult.Refusal(new GraphError(400, 200, null, "(#200) Requires pages_read_engagement"), GraphUsage.None), now));
        var limited = Assert.IsType<ReadOutcome.RateLimited>(insights.FailureOf(
            new GraphResult.Refusal(new GraphError(400, 32, null, "(#32) Page request limit reached"), new GraphUsage(100, TimeSpan.FromMinutes(12))), now));
        Assert.Equal(now.AddMinutes(12), limited.Until);
    }

    /// <summary>Answers insights as Meta does: one retired name in the list makes the whole call an invalid-metric error.</summary>
    private sealed class InsightsHandler(string retired) : HttpMessageHandler
    {
        private int calls;

        public int Calls => calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var metrics = (query["metric"] ?? "").Split(',');
            var response = metrics.Contains(retired)
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = Json("""{"error":{"message":"(#100) The value must be a valid insights metric","type":"OAuthException","code":100,"fbtrace_id":"A1"}}""") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = Json("{\"data\":[" + string.Join(',', metrics.Select(m => $$"""{"name":"{{m}}","period":"lifetime","values":[{"value":7}]}""")) + "]}") };
            return Task.FromResult(response);
        }

        private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
    }
}
