using Broker.Adapters.X.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Adapters.X.Tests.Auth;

/// <summary>
/// The worked example of X's "Creating a signature" page (docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature).
/// The page now prints the host as api.x.com, but its published signature hCtSmYh+iHYCEqBWrE7C7hYmtUk= is the one
/// for the original https://api.twitter.com/1.1/statuses/update.json, so that is the URL signed here.
/// </summary>
public sealed class OAuth1SignerTests
{
    private const string Nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
    private const long Timestamp = 1318622958;
    private static readonly Uri ExampleUrl = new("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");

    private static readonly OAuth1Credentials ExampleCredentials = new(
        "xvz1evFS4wEEPTGEFPHBog",
        "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

    private static readonly KeyValuePair<string, string>[] ExampleBody =
        [new("status", "Hello Ladies + Gentlemen, a signed OAuth request!")];

    [Fact]
    public void The_worked_example_of_x_documentation_gives_its_signature()
    {
        var signer = new OAuth1Signer(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp)), () => Nonce);

        var header = signer.CreateAuthorizationHeader(HttpMethod.Post, ExampleUrl, ExampleCredentials, ExampleBody);

        Assert.Equal(
            "OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\", "
            + "oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\", oauth_signature_method=\"HMAC-SHA1\", "
            + "oauth_timestamp=\"1318622958\", oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", oauth_version=\"1.0\"",
            header);
    }

    [Fact]
    public void The_signature_base_string_of_the_worked_example_is_as_documented()
    {
        KeyValuePair<string, string>[] parameters =
        [
            .. ExampleBody,
            new("include_entities", "true"),
            new("oauth_consumer_key", ExampleCredentials.ConsumerKey),
            new("oauth_nonce", Nonce),
            new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "1318622958"),
            new("oauth_token", ExampleCredentials.AccessToken),
            new("oauth_version", "1.0"),
        ];

        var baseString = OAuth1Signer.SignatureBaseString(HttpMethod.Post, ExampleUrl, parameters);

        Assert.Equal(
            "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog"
            + "%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958"
            + "%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0"
            + "%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
            baseString);
        Assert.Equal(
            "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
            OAuth1Signer.Sign(HttpMethod.Post, ExampleUrl, parameters, ExampleCredentials.ConsumerSecret, ExampleCredentials.AccessTokenSecret));
    }

    [Theory]
    [InlineData("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [InlineData("An encoded string!", "An%20encoded%20string%21")]
    [InlineData("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice")]
    [InlineData("!*'()", "%21%2A%27%28%29")]
    [InlineData("-._~AZaz09", "-._~AZaz09")]
    [InlineData("a=b&c/d?e", "a%3Db%26c%2Fd%3Fe")]
    [InlineData("é", "%C3%A9")]
    [InlineData("\u2603", "%E2%98%83")]
    [InlineData("\U0001F637", "%F0%9F%98%B7")]
    [InlineData("", "")]
    public void Percent_encoding_follows_rfc_3986(string raw, string encoded)
    {
        Assert.Equal(encoded, OAuth1Signer.PercentEncode(raw));
    }

    [Fact]
    public void Query_parameters_are_signed_decoded()
    {
        var signer = new OAuth1Signer(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp)), () => Nonce);
        var url = new Uri("https://API.x.com:443/2/media/upload?media_id=7&command=STATUS&a=2&a=1&q=hello%20world+again");
        KeyValuePair<string, string>[] expected =
        [
            new("media_id", "7"),
            new("command", "STATUS"),
            new("a", "2"),
            new("a", "1"),
            new("q", "hello world again"),
            new("oauth_consumer_key", ExampleCredentials.ConsumerKey),
            new("oauth_nonce", Nonce),
            new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "1318622958"),
            new("oauth_token", ExampleCredentials.AccessToken),
            new("oauth_version", "1.0"),
        ];

        var header = signer.CreateAuthorizationHeader(HttpMethod.Get, url, ExampleCredentials);
        var signature = OAuth1Signer.Sign(HttpMethod.Get, new Uri("https://api.x.com/2/media/upload"), expected, ExampleCredentials.ConsumerSecret, ExampleCredentials.AccessTokenSecret);

        Assert.Contains($"oauth_signature=\"{OAuth1Signer.PercentEncode(signature)}\"", header, StringComparison.Ordinal);
        Assert.StartsWith(
            "GET&https%3A%2F%2Fapi.x.com%2F2%2Fmedia%2Fupload&a%3D1%26a%3D2%26command%3DSTATUS%26media_id%3D7%26oauth_consumer_key",
            OAuth1Signer.SignatureBaseString(HttpMethod.Get, url, expected),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_default_port_is_part_of_the_signed_url()
    {
        var baseString = OAuth1Signer.SignatureBaseString(HttpMethod.Post, new Uri("http://127.0.0.1:5180/x/2/tweets"), []);

        Assert.Equal("POST&http%3A%2F%2F127.0.0.1%3A5180%2Fx%2F2%2Ftweets&", baseString);
    }

    [Fact]
    public void Each_request_gets_a_fresh_nonce_and_the_current_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var signer = new OAuth1Signer(time);
        var url = new Uri("https://api.x.com/2/tweets");

        var first = signer.CreateAuthorizationHeader(HttpMethod.Post, url, ExampleCredentials);
        time.Advance(TimeSpan.FromSeconds(5));
        var second = signer.CreateAuthorizationHeader(HttpMethod.Post, url, ExampleCredentials);

        Assert.Contains("oauth_timestamp=\"1700000000\"", first, StringComparison.Ordinal);
        Assert.Contains("oauth_timestamp=\"1700000005\"", second, StringComparison.Ordinal);
        Assert.NotEqual(Between(first, "oauth_nonce=\"", "\""), Between(second, "oauth_nonce=\"", "\""));
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
