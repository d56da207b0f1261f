using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Access;

/// <summary>One-time sign-in links: made by an editor, opened on a phone, exchanged once for a session, audited.</summary>
public sealed class SignInLinkTests
{
    [Fact]
    public async Task A_link_opened_twice_at_once_signs_in_one_browser_and_tells_the_other_it_was_used()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var sari = await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes");
        var link = await scenario.Api.PostExpectAsync($"/api/users/{sari.Id}/sign-in-link", null, 201);
        var path = new Uri(link.Str("url")).PathAndQuery;
        Assert.StartsWith("/masuk/tautan/", path, StringComparison.Ordinal);
        using var phone = PageSession.Anonymous(scenario);
        using var laptop = PageSession.Anonymous(scenario);

        var opened = await phone.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("hanya berlaku sekali", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tokens = new[] { await phone.FormTokenAsync(path), await laptop.FormTokenAsync(path) };
        var browsers = new[] { phone, laptop };
        var statuses = await Race.RunAsync(2, i => browsers[i].PostAsync(path, new() { ["__RequestVerificationToken"] = tokens[i] }));

        Assert.Equal([302, 410], statuses.Order());
        var signedIn = browsers[Array.IndexOf(statuses, 302)];
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/konten")).StatusCode);
        var again = await browsers[Array.IndexOf(statuses, 410)].GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("sudah dipakai", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var trail = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={sari.Id}")).AsArray().Select(e => e!.Str("action")).ToList();
        Assert.Equal(1, trail.Count(a => a == "sign-in-link.created"));
        Assert.Equal(1, trail.Count(a => a == "sign-in-link.used"));
        Assert.Contains("sign-in-link.refused", trail);
    }

    [Fact]
    public async Task An_expired_link_a_link_of_a_revoked_user_and_an_unknown_code_are_refused_with_a_page_that_says_why()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s => s["Access:SignInLinkLifetime"] = "01:00:00");
        var rina = await scenario.CreateUserAsync("Rina", "reporter");
        var tono = await scenario.CreateUserAsync("Tono", "reporter");
        var late = new Uri((await scenario.Api.PostExpectAsync($"/api/users/{rina.Id}/sign-in-link", null, 201)).Str("url")).PathAndQuery;
        var revoked = new Uri((await scenario.Api.PostExpectAsync($"/api/users/{tono.Id}/sign-in-link", null, 201)).Str("url")).PathAndQuery;
        using var browser = PageSession.Anonymous(scenario);
        var token = await browser.FormTokenAsync(late);
        await scenario.Api.PostExpectAsync($"/api/users/{tono.Id}/revoke", null, 200);
        var refused = await browser.PostAsync(revoked, new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/konten")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(61));

        var expired = await browser.PostAsync(late, new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("kedaluwarsa", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(late)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/masuk/tautan/bukan-kode")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Api.PostAsync($"/api/users/{tono.Id}/sign-in-link")).Response.StatusCode);
    }

    [Fact]
    public async Task Refused_codes_count_against_the_address_like_refused_tokens()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Access:FailedTokensPerMinute"] = "3");
        using var browser = PageSession.Anonymous(scenario);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await browser.GetAsync($"/masuk/tautan/tebakan-{i}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
