using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Broker.Sandbox.Control;

namespace Broker.IntegrationTests.Access;

/// <summary>
/// One endpoint's documented answers: the status each principal gets. Callers without a valid token get 401 on every
/// endpoint that is not public. The request is built anew for each principal, so a request that changes something
/// works on an object of its own.
/// </summary>
public sealed record AccessRule(string Endpoint, Func<AccessWorld, Task<HttpRequestMessage>> Request, IReadOnlyDictionary<Principal, int> Expected)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public bool IsPublic => Expected[Principal.NoToken] is not (401 or 302);

    public static AccessRule Signed(string endpoint, Func<AccessWorld, Task<HttpRequestMessage>> request, int editor, int reporter, int opdAdmin, int otherOpdAdmin, int asn) =>
        new(endpoint, request, new Dictionary<Principal, int>
        {
            [Principal.NoToken] = 401,
            [Principal.UnknownToken] = 401,
            [Principal.ExpiredToken] = 401,
            [Principal.RevokedToken] = 401,
            [Principal.Editor] = editor,
            [Principal.Reporter] = reporter,
            [Principal.OpdAdmin] = opdAdmin,
            [Principal.OtherOpdAdmin] = otherOpdAdmin,
            [Principal.Asn] = asn,
        });

    /// <summary>
    /// A web page: like <see cref="Signed"/>, but a browser that is not signed in (no token, no cookie) is sent to the
    /// sign-in page with 302; a bad bearer token still gets 401.
    /// </summary>
    public static AccessRule Page(string endpoint, Func<AccessWorld, Task<HttpRequestMessage>> request, int editor, int reporter, int opdAdmin, int otherOpdAdmin, int asn)
    {
        var rule = Signed(endpoint, request, editor, reporter, opdAdmin, otherOpdAdmin, asn);
        return rule with { Expected = new Dictionary<Principal, int>(rule.Expected) { [Principal.NoToken] = 302 } };
    }

    /// <summary>A public endpoint: everyone gets the same answer, token or not.</summary>
    public static AccessRule Public(string endpoint, Func<AccessWorld, Task<HttpRequestMessage>> request, int status) =>
        new(endpoint, request, Enum.GetValues<Principal>().ToDictionary(p => p, _ => status));

    public static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    public static Task<HttpRequestMessage> Delete(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, path));

    public static Task<HttpRequestMessage> Post(string path, object? body = null) => Send(HttpMethod.Post, path, body);

    public static Task<HttpRequestMessage> Put(string path, object? body) => Send(HttpMethod.Put, path, body);

    public static Task<HttpRequestMessage> Csv(string path, string csv) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") });

    public static Task<HttpRequestMessage> Upload(string path)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SampleImages.Jpeg(600, 600));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "photo.jpg");
        return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = form });
    }

    public override string ToString() => Endpoint;

    private static Task<HttpRequestMessage> Send(HttpMethod method, string path, object? body) =>
        Task.FromResult(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Web) });
}
