using Broker.Audit;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Access;

/// <summary>
/// Every endpoint the broker maps × every principal, over real HTTP: the documented status, and no change of state
/// (no audit entry) where the request is refused. The endpoint list comes from the running broker's routing table.
/// </summary>
public sealed class AccessMatrixTests
{
    [Fact]
    public async Task Every_endpoint_answers_every_principal_as_the_roles_table_says_and_refusals_change_nothing()
    {
        await using var world = await AccessWorld.StartAsync();
        var rules = AccessRules.All.ToDictionary(r => r.Endpoint);
        var mapped = MappedEndpoints(world.Scenario.Broker.Services);
        var problems = new List<string>();
        problems.AddRange(mapped.Where(e => !rules.ContainsKey(e)).Select(e => $"{e}: mapped but has no access rule in AccessRules"));
        problems.AddRange(rules.Keys.Where(e => !mapped.Contains(e)).Select(e => $"{e}: has a rule but is not mapped"));

        var audit = world.Scenario.Broker.Services.GetRequiredService<IAuditLog>();
        foreach (var endpoint in mapped.Where(rules.ContainsKey))
        {
            var rule = rules[endpoint];
            foreach (var (principal, expected) in rule.Expected)
            {
                using var request = await rule.Request(world);
                var before = await CountAsync(audit);
                using var response = await world.Client(principal).SendAsync(request);
                var status = (int)response.StatusCode;
                if (status != expected)
                {
                    var text = await response.Content.ReadAsStringAsync();
                    problems.Add($"{endpoint} as {principal}: {status}, expected {expected}: {text[..Math.Min(text.Length, 300)]}");
                }
                else if (expected is 401 or 403 or 404 && await CountAsync(audit) != before)
                {
                    problems.Add($"{endpoint} as {principal}: refused with {status} but the audit trail grew");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_mapped_endpoint_has_a_rule_in_the_matrix()
    {
        await using var scenario = await Scenario.StartAsync();
        var missing = MappedEndpoints(scenario.Broker.Services).Except(AccessRules.All.Select(r => r.Endpoint)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an access rule: " + string.Join(", ", missing));
    }

    private static async Task<int> CountAsync(IAuditLog audit) =>
        (await audit.QueryAsync(new AuditQuery(Limit: int.MaxValue), CancellationToken.None)).Count;

    private static HashSet<string> MappedEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet(StringComparer.Ordinal);
}
