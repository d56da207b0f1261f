using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Npgsql;

namespace Broker.IntegrationTests.Cluster;

/// <summary>Nodes started together on an empty database without <c>BROKER_ADMIN_TOKEN</c> make one first editor.</summary>
public sealed class FirstEditorRaceTests
{
    [Fact]
    public async Task Three_nodes_starting_at_once_on_an_empty_database_make_one_first_editor_whose_token_works_on_every_node()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var database = await PostgresServer.CreateDatabaseAsync("first");
        var nodes = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => BrokerHost.StartAsync(sandbox, configure: s =>
        {
            s["Storage:Provider"] = "PostgreSql";
            s["ConnectionStrings:Broker"] = database;
            s["Cluster:NodeId"] = $"node-{n}";
            s["BROKER_ADMIN_TOKEN"] = "";
        })));
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM users", connection);
            var files = nodes.SelectMany(n => Directory.GetFiles(n.Folder, "first-editor-token*")).ToList();

            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
            var file = Assert.Single(files);
            Assert.Equal("first-editor-token", Path.GetFileName(file));
            var token = (await File.ReadAllTextAsync(file)).Trim();
            foreach (var node in nodes)
            {
                using var editor = node.ClientWith(token);
                Assert.Equal("editor", (await editor.GetJsonAsync("/api/users/me")).Str("role"));
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
