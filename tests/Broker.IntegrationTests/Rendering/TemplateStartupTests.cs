using Broker.IntegrationTests.Infrastructure;
using Broker.Rendering;

namespace Broker.IntegrationTests.Rendering;

public sealed class TemplateStartupTests
{
    [Fact]
    public async Task A_broken_template_stops_the_start_naming_its_file_line_and_column()
    {
        var folder = Directory.CreateTempSubdirectory("broker-templates-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "facebook.sbn"), "{{ title }}\n\n{{ if body }}\n{{ body");
            await File.WriteAllTextAsync(Path.Combine(folder, "x.sbn"), "{{ title }}");
            var app = BrokerHost.Build(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Rendering:TemplatesPath"] = folder,
                ["Sandbox:Enabled"] = "false",
                ["Storage:DatabasePath"] = Path.Combine(folder, "broker.db"),
                ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
            });
            await using (app)
            {
                var failure = await Assert.ThrowsAsync<TemplateLoadException>(() => app.StartAsync());
                Assert.Contains("facebook.sbn", failure.Message, StringComparison.Ordinal);
                Assert.Matches(@"\(4,\d+\)", failure.Message);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_opd_template_overrides_the_platform_template_for_that_opd_only()
    {
        var folder = Directory.CreateTempSubdirectory("broker-templates-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "templates"), "*.sbn"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            CopyNotificationTemplates(folder);

            Directory.CreateDirectory(Path.Combine(folder, "opd", "dinkes"));
            await File.WriteAllTextAsync(Path.Combine(folder, "opd", "dinkes", "facebook.sbn"), "[Dinkes] {{ title }}");
            await using var scenario = await Scenario.StartAsync(configure: s => s["Rendering:TemplatesPath"] = folder);
            await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
            await scenario.CreateOpdAsync("dispar", "Dinas Pariwisata");
            var dinkesFb = await scenario.CreateAccountAsync("dinkes", "facebook", "2001");
            var disparFb = await scenario.CreateAccountAsync("dispar", "facebook", "2002");
            var dinkesItem = await scenario.SubmitItemAsync("dinkes", [dinkesFb], title: "Vaksinasi");
            var disparItem = await scenario.SubmitItemAsync("dispar", [disparFb], title: "Festival");

            var dinkes = Assert.Single((await scenario.Api.GetJsonAsync($"/api/items/{dinkesItem}/preview")).AsArray())!;
            var dispar = Assert.Single((await scenario.Api.GetJsonAsync($"/api/items/{disparItem}/preview")).AsArray())!;
            Assert.Equal("[Dinkes] Vaksinasi", dinkes.Str("text"));
            Assert.StartsWith("Festival\n", dispar.Str("text"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_template_that_loops_forever_is_stopped_by_its_limits_and_reported_in_the_preview()
    {
        var folder = Directory.CreateTempSubdirectory("broker-templates-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "facebook.sbn"), "{{ for i in 1..10000000 }}x{{ end }}");
            CopyNotificationTemplates(folder);
            await using var scenario = await Scenario.StartAsync(configure: s => s["Rendering:TemplatesPath"] = folder);
            await scenario.CreateOpdAsync();
            var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1");
            var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
            var preview = Assert.Single((await scenario.Api.GetJsonAsync($"/api/items/{id}/preview")).AsArray())!;
            Assert.Contains("template", preview["problems"]![0]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 422);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The notification templates are checked at start too (a missing one stops it): a templates folder of one's own has them.</summary>
    private static void CopyNotificationTemplates(string folder)
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, "notifications")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "templates", "notifications"), "*.sbn"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
