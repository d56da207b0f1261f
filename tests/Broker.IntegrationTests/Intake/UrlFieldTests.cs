using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// A URL field holds an absolute http(s) URL and nothing else: no space, line break or control character anywhere, no
/// user name or password. Such a link was posted to the platforms as typed.
/// </summary>
public sealed class UrlFieldTests
{
    public static readonly string[] BadUrls =
    [
        "https://portal.example.go.id/berita\r\nX-Injected: 1",
        "https://portal.example.go.id/berita\n",
        "https://portal.example.go.id/berita baru",
        " https://portal.example.go.id/berita",
        "https://portal.example.go.id/berita ",
        "https://portal.example.go.id/berita\t",
        "https://portal.example.go.id/berita\u0000",
        "https://portal.example.go.id/berita\u00a0",
        "https://portal.example.go.id/\u202egnp.exe",
        "https://admin:rahasia@portal.example.go.id/berita",
        "https://admin@portal.example.go.id/berita",
        "ftp://portal.example.go.id/berita",
        "javascript:alert(1)",
        "//portal.example.go.id/berita",
        "https://portal.example.go.id/" + new string('a', 2048),
    ];

    [Fact]
    public async Task An_item_link_with_a_space_line_break_control_character_or_user_name_is_a_400_naming_the_link_at_submit_and_edit()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook], link: "https://portal.example.go.id/berita/taman-%C3%A4?id=7#atas");

        foreach (var link in BadUrls)
        {
            var item = new { opd = "diskominfo", title = "Pengumuman", body = "Isi.", accountIds = new[] { facebook }, link };
            var submitted = await scenario.Api.PostExpectAsync("/api/items", item, 400);
            Assert.NotNull(submitted["errors"]!["link"]);
            var (edited, body) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/items/{id}", item);
            Assert.True(edited.StatusCode == HttpStatusCode.BadRequest, $"editing to '{link}' answered {(int)edited.StatusCode}");
            Assert.NotNull(body!["errors"]!["link"]);
        }

        var stored = Assert.Single((await scenario.Api.GetJsonAsync("/api/items")).AsArray())!;
        Assert.Equal("https://portal.example.go.id/berita/taman-%C3%A4?id=7#atas", stored.Str("link"));
    }

    [Fact]
    public async Task A_link_with_a_line_break_is_named_in_its_message()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();

        var refused = await scenario.Api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "t", body = "b", accountIds = new[] { facebook }, link = "https://portal.example.go.id/a\r\nb" }, 400);

        Assert.Equal("link contains a space, line break or control character at position 31; a URL may hold none (write a space as %20).", refused["errors"]!["link"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_submit_page_refuses_a_link_with_a_line_break_in_indonesian()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var answer = await editor.PostFormAsync("/kirim", "/kirim", new()
        {
            ["Form.Opd"] = "diskominfo",
            ["Form.Title"] = "Pengumuman",
            ["Form.Body"] = "Isi pengumuman.",
            ["Form.Link"] = "https://portal.example.go.id/berita\r\nX-Injected: 1",
            ["Form.AccountIds"] = facebook,
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Tautan harus alamat http atau https yang lengkap", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/items")).AsArray());
    }

    [Fact]
    public async Task An_amplification_url_with_a_space_line_break_control_character_or_user_name_is_a_400_naming_the_url()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");

        foreach (var url in BadUrls)
        {
            var refused = await scenario.Api.PostExpectAsync("/api/amplification-requests", new { opd = "dinkes", url, note = "Mohon disebarkan.", accountIds = new[] { facebook } }, 400);
            Assert.NotNull(refused["errors"]!["url"]);
        }

        Assert.Empty((await scenario.Api.GetJsonAsync("/api/amplification-requests")).AsArray());
    }
}
