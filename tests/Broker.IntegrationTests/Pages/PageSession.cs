using System.Net;
using System.Text.RegularExpressions;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>
/// A browser without a browser: a cookie jar signed in with <c>POST /api/sessions</c>, that reads a page's antiforgery
/// token and posts its forms as a browser would (<c>Accept: text/html</c>, no redirects followed).
/// </summary>
public sealed partial class PageSession : IDisposable
{
    private readonly HttpClient client;

    private PageSession(HttpClient client) => this.client = client;

    public static async Task<PageSession> SignInAsync(Scenario scenario, string token)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = scenario.Broker.BaseUrl };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await client.PostExpectAsync("/api/sessions", new { token }, 200);
        return new PageSession(client);
    }

    /// <summary>A browser nobody signed in to (someone opening a sign-in link).</summary>
    public static PageSession Anonymous(Scenario scenario)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = scenario.Broker.BaseUrl };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return new PageSession(client);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    /// <summary>Posts a form of the page at <paramref name="page"/> with that page's antiforgery token (or none).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields, bool withToken = true)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        if (withToken)
        {
            fields["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value;
        }

        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, form);
    }

    /// <summary>The antiforgery token of the page at <paramref name="page"/>, to post its form more than once (a double click).</summary>
    public async Task<string> FormTokenAsync(string page) =>
        Token().Match(await (await client.GetAsync(page)).Content.ReadAsStringAsync()).Groups[1].Value;

    /// <summary>Posts a form as it is, token included in <paramref name="fields"/> (see <see cref="FormTokenAsync"/>).</summary>
    public async Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, form);
    }

    /// <summary>Posts a form whose fields may repeat (checkboxes), with the antiforgery token of the page at <paramref name="page"/>.</summary>
    public async Task<HttpResponseMessage> PostFieldsAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var form = new FormUrlEncodedContent([.. fields, KeyValuePair.Create("__RequestVerificationToken", await FormTokenAsync(page))]);
        return await client.PostAsync(action, form);
    }

    /// <summary>Posts a form with a file (multipart), as a browser's file input does, with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string page, string action, string field, string fileName, byte[] bytes, string contentType)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await FormTokenAsync(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        return await client.PostAsync(action, form);
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
