namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// URL extraction cases transcribed from twitter-text's conformance suite (Apache-2.0), the test data every
/// twitter-text port must pass:
/// <list type="bullet">
/// <item>conformance/extract.yml, sections <c>urls</c> and <c>urls_with_indices</c>
/// (https://github.com/twitter/twitter-text/blob/master/conformance/extract.yml);</item>
/// <item>the later copy the Rust port carries (conformance/tests/extract.yml): its added cases that do not contradict
/// the file above (t.co slugs and parameters, directional marks, IDN hosts, labels with a leading or trailing hyphen or
/// underscore). Where the two disagree (the later copy links <c>foo.jp</c> and <c>it.so</c> with no path; the JS and
/// Java libraries and the file above do not), the file above wins: it is what X's own clients run.</item>
/// </list>
/// Each case: the text, and the URLs found in it, in order, each with where it starts when the suite gives indices.
/// Long repetitive texts are written as repetitions; invisible characters as escapes.
/// </summary>
internal static class TwitterTextUrlCases
{
    private const string Cjk = "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde";
    private const string CjkWithProtocols = "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.comテストexample2.comテストhttp://twitter.com/abcde";
    private const string Argentina = "http://tn.com.ar/show/00056158/la-estrella-del-certamen-el-turno-de-pamela-anderson?fb_xd_fragment#?=&cb=fe17523f223b7&relation=parent.parent&transport=fragment&type=resize&height=20&ackdata";
    private const string TcoTrailing = "http://t.co/pbY2NfTZ's http://t.co/2vYHpAc5; http://t.co/ulYGBYSo: http://t.co/8MkmHU0k+c http://t.co/TKLp64dY.x http://t.co/8t7G3ddS#a http://t.co/FNkPfmii-";

    /// <summary>The cases by description.</summary>
    public static IReadOnlyDictionary<string, UrlCase> All { get; } = Build();

    public static TheoryData<string> Descriptions => [.. All.Keys];

    private static Dictionary<string, UrlCase> Build()
    {
        var cases = new List<UrlCase>
        {
            // extract.yml, urls
            new("Extract a lone URL", "http://example.com", "http://example.com"),
            new("Extract valid URL: http://google.com", "text http://google.com", "http://google.com"),
            new("Extract valid URL: http://foobar.com/#", "text http://foobar.com/#", "http://foobar.com/#"),
            new("Extract valid URL: http://google.com/#foo", "text http://google.com/#foo", "http://google.com/#foo"),
            new("Extract valid URL: http://google.com/#search?q=iphone%20-filter%3Alinks", "text http://google.com/#search?q=iphone%20-filter%3Alinks", "http://google.com/#search?q=iphone%20-filter%3Alinks"),
            new("Extract valid URL: http://twitter.com/#search?q=iphone%20-filter%3Alinks", "text http://twitter.com/#search?q=iphone%20-filter%3Alinks", "http://twitter.com/#search?q=iphone%20-filter%3Alinks"),
            new("Extract valid URL: http://somedomain.com/index.php?path=/abc/def/", "text http://somedomain.com/index.php?path=/abc/def/", "http://somedomain.com/index.php?path=/abc/def/"),
            new("Extract valid URL: http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html", "text http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html", "http://www.boingboing.net/2007/02/14/katamari_damacy_phon.html"),
            new("Extract valid URL: http://somehost.com:3000", "text http://somehost.com:3000", "http://somehost.com:3000"),
            new("Extract valid URL: http://xo.com/~matthew+%ff-x", "text http://xo.com/~matthew+%ff-x", "http://xo.com/~matthew+%ff-x"),
            new("Extract valid URL: http://xo.com/~matthew+%ff-,.;x", "text http://xo.com/~matthew+%ff-,.;x", "http://xo.com/~matthew+%ff-,.;x"),
            new("Extract valid URL: http://xo.com/,.;x", "text http://xo.com/,.;x", "http://xo.com/,.;x"),
            new("Extract valid URL: http://en.wikipedia.org/wiki/Primer_(film)", "text http://en.wikipedia.org/wiki/Primer_(film)", "http://en.wikipedia.org/wiki/Primer_(film)"),
            new("Extract valid URL: http://www.ams.org/bookstore-getitem/item=mbk-59", "text http://www.ams.org/bookstore-getitem/item=mbk-59", "http://www.ams.org/bookstore-getitem/item=mbk-59"),
            new("Extract valid URL: http://✪df.ws/ejp", "text http://✪df.ws/ejp", "http://✪df.ws/ejp"),
            new("Extract valid URL: http://chilp.it/?77e8fd", "text http://chilp.it/?77e8fd", "http://chilp.it/?77e8fd"),
            new("Extract valid URL: http://x.com/oneletterdomain", "text http://x.com/oneletterdomain", "http://x.com/oneletterdomain"),
            new("Extract valid URL: http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx", "text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx", "http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"),
            new("DO NOT extract invalid URL: http://domain-begin_dash_2314352345_dfasd.foo-cow_4352.com", "text http://domain-dash_2314352345_dfasd.foo-cow_4352.com"),
            new("DO NOT extract invalid URL: http://-begin_dash_2314352345_dfasd.foo-cow_4352.com", "text http://-dash_2314352345_dfasd.foo-cow_4352.com"),
            new("DO NOT extract invalid URL: http://no-tld", "text http://no-tld"),
            new("DO NOT extract invalid URL: http://tld-too-short.x", "text http://tld-too-short.x"),
            new("DO NOT extract invalid URL with invalid preceding character: (http://twitter.com", "(http://twitter.com", "http://twitter.com"),
            new("Extract a very long hyphenated sub-domain URL (single letter hyphens)", "text http://word-and-a-number-8-ftw.domain.com/", "http://word-and-a-number-8-ftw.domain.com/"),
            new("Extract a hyphenated TLD (usually a typo)", "text http://domain.com-that-you-should-have-put-a-space-after", "http://domain.com"),
            new("Extract URL ending with # value", "text http://foo.com?#foo text", "http://foo.com?#foo"),
            new("Extract URLs without protocol on (com|org|edu|gov|net) domains", "foo.com foo.net foo.org foo.edu foo.gov", "foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"),
            new("Extract URLs without protocol not on (com|org|edu|gov|net) domains", "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp", "foo.co.jp", "www.foo.co.uk"),
            new("Extract URLs without protocol on ccTLD with slash", "t.co/abcde bit.ly/abcde", "t.co/abcde", "bit.ly/abcde"),
            new("Extract URLs with protocol on ccTLD domains", "http://foo.jp http://fooooo.jp", "http://foo.jp", "http://fooooo.jp"),
            new("Extract URLs with a - or + at the end of the path", "Go to http://example.com/a+ or http://example.com/a-", "http://example.com/a+", "http://example.com/a-"),
            new("Extract URLs with longer paths ending in -", "Go to http://example.com/view/slug-url-?foo=bar", "http://example.com/view/slug-url-?foo=bar"),
            new("Extract URLs beginning with a space", "@user Try http:// example.com/path", "example.com/path"),
            new("Extract long URL without protocol surrounded by CJK characters", "これは日本語です。example.com/path/index.html中国語example.com/path한국", "example.com/path/index.html", "example.com/path"),
            new("Extract short URL without protocol surrounded by CJK characters", Cjk, "twitter.com", "example.com", "t.co/abcde", "twitter.com", "example2.com", "twitter.com/abcde"),
            new("Extract URLs with and without protocol surrounded by CJK characters", CjkWithProtocols, "http://twitter.com/", "example.com", "http://t.co/abcde", "twitter.com", "example2.com", "http://twitter.com/abcde"),
            new("Extract URLs with protocol and path containing Cyrillic characters", "Go to http://twitter.com/Русские_слова", "http://twitter.com/Русские_слова"),
            new("DO NOT extract short URLs without protocol on ccTLD domains without path", "twitter.jp日本語it.so中国語foo.jp it.so foo.jp"),
            new("Extract some (tv|co) short URLs without protocol on ccTLD domains without path", "MLB.tv vine.co twitch.tv t.co", "MLB.tv", "vine.co", "twitch.tv", "t.co"),
            new("Extract URLs beginning with a non-breaking space (U+00A0)", "@user Try http://\u00A0example.com/path", "example.com/path"),
            new("Extract URLs with underscores and dashes in the subdomain", "test http://sub_domain-dash.twitter.com", "http://sub_domain-dash.twitter.com"),
            new("Extract URL with minimum number of valid characters", "test http://a.b.cd", "http://a.b.cd"),
            new("Extract URLs containing underscores and dashes", "test http://a_b.c-d.com", "http://a_b.c-d.com"),
            new("Extract URLs containing dashes in the subdomain", "test http://a-b.c.com", "http://a-b.c.com"),
            new("Extract URLs with dashes in the domain name", "test http://twitter-dash.com", "http://twitter-dash.com"),
            new("Extract URLs with lots of symbols then a period", "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188", "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188"),
            new("DO NOT extract URLs containing leading dashes in the subdomain", "test http://-leadingdash.twitter.com"),
            new("DO NOT extract URLs containing trailing dashes in the subdomain", "test http://trailingdash-.twitter.com"),
            new("DO NOT extract URLs containing leading underscores in the subdomain", "test http://_leadingunderscore.twitter.com"),
            new("DO NOT extract URLs containing trailing underscores in the subdomain", "test http://trailingunderscore_.twitter.com"),
            new("DO NOT extract URLs containing leading dashes in the domain name", "test http://-twitter.com"),
            new("DO NOT extract URLs containing trailing dashes in the domain name", "test http://twitter-.com"),
            new("DO NOT extract URLs containing underscores in the domain name", "test http://twitter_underscore.com"),
            new("DO NOT extract URLs containing underscores in the tld", "test http://twitter.c_o_m"),
            new("Extract valid URL http://www.foo.com/foo/path-with-period./", "test http://www.foo.com/foo/path-with-period./", "http://www.foo.com/foo/path-with-period./"),
            new("Extract valid URL http://www.foo.org.za/foo/bar/688.1", "test http://www.foo.org.za/foo/bar/688.1", "http://www.foo.org.za/foo/bar/688.1"),
            new("Extract valid URL http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0", "test http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0", "http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0"),
            new("Extract valid URL http://foo.com/bar/123/foo_&_bar/", "test http://foo.com/bar/123/foo_&_bar/", "http://foo.com/bar/123/foo_&_bar/"),
            new("Extract valid URL http://www.cp.sc.edu/events/65", "test http://www.cp.sc.edu/events/65 test", "http://www.cp.sc.edu/events/65"),
            new("Extract valid URL http://www.andersondaradio.no.comunidades.net/", "http://www.andersondaradio.no.comunidades.net/ test test", "http://www.andersondaradio.no.comunidades.net/"),
            new("Extract valid URL ELPAÍS.com", "test ELPAÍS.com", "ELPAÍS.com"),
            new("DO NOT include period at the end of URL", "test http://twitter.com/.", "http://twitter.com/"),
            new("Extract a URL with '?' in fragment", Argentina, Argentina),
            new("Extract a URL with '?' in fragment in a text", "text " + Argentina + " text", Argentina),
            new("Extract a URL with a ton of trailing periods", "Test a ton of periods http://example.com/path" + new string('.', 42), "http://example.com/path"),
            new("Extract a URL with a ton of trailing commas", "Test a ton of periods http://example.com/" + new string(',', 42), "http://example.com/"),
            new("Extract a URL with a ton of trailing '!'", "Test a ton of periods http://example.com/path/" + new string('!', 42), "http://example.com/path/"),
            new("DO NOT extract URLs in hashtag or @mention", "#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde"),
            new("Extract a t.co URL with a trailing apostrophe", "I really like http://t.co/pbY2NfTZ's website", "http://t.co/pbY2NfTZ"),
            new("Extract a t.co URL with a trailing hyphen", "Check this site out http://t.co/FNkPfmii- it's great", "http://t.co/FNkPfmii"),
            new("Extract a t.co URL with a trailing colon", "According to http://t.co/ulYGBYSo: the internet is cool", "http://t.co/ulYGBYSo"),
            new("Extract URL before newline", "http://twitter.com\nhttp://example.com\nhttp://example.com/path\nexample.com/path\nit.so\nit.so/abcde", "http://twitter.com", "http://example.com", "http://example.com/path", "example.com/path", "it.so/abcde"),
            new("DO NOT extract URL if preceded by $", "$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA"),
            new("DO NOT extract .bz2 file name as URL", "long.test.tar.bz2 test.tar.bz2 tar.bz2"),
            new("DO NOT extract URL with gTLD followed by @ sign", "john.doe.gov@mail.com"),
            new("DO NOT extract URL with ccTLD followed by @ sign", "john.doe.jp@mail.com"),

            // extract.yml, urls_with_indices
            new UrlCase("With indices: Extract a URL", "text http://google.com", "http://google.com").At(5),
            new UrlCase("With indices: Extract a URL from a Japanese tweet", "皆さん見てください！ http://google.com", "http://google.com").At(11),
            new UrlCase("With indices: Extract URLs without protocol on ccTLD with slash", "t.co/abcde bit.ly/abcde", "t.co/abcde", "bit.ly/abcde").At(0, 11),
            new UrlCase("With indices: Extract URLs without protocol surrounded by CJK characters", Cjk, "twitter.com", "example.com", "t.co/abcde", "twitter.com", "example2.com", "twitter.com/abcde").At(0, 20, 34, 46, 58, 73),
            new UrlCase("With indices: Extract URLs with and without protocol surrounded by CJK characters", CjkWithProtocols, "http://twitter.com/", "example.com", "http://t.co/abcde", "twitter.com", "example2.com", "http://twitter.com/abcde").At(0, 28, 42, 61, 75, 90),
            new UrlCase(
                "With indices: Extract t.co URLs skipping trailing characters and adjusting indices correctly",
                TcoTrailing,
                "http://t.co/pbY2NfTZ", "http://t.co/2vYHpAc5", "http://t.co/ulYGBYSo", "http://t.co/8MkmHU0k", "http://t.co/TKLp64dY", "http://t.co/8t7G3ddS", "http://t.co/FNkPfmii").At(0, 23, 45, 67, 90, 113, 136),
            new UrlCase("With indices: Extract correct indices for duplicate instances of the same URL", "http://t.co http://t.co", "http://t.co", "http://t.co").At(0, 12),
            new UrlCase("With indices: Extract I18N URL", "test http://xn--ls8h.XN--ls8h.la/", "http://xn--ls8h.XN--ls8h.la/").At(5),
            new UrlCase("With indices: Extract URLs with IDN(not encoded)", "test http://foobar.みんな/ http://foobar.中国/ http://foobar.پاکستان/ ", "http://foobar.みんな/", "http://foobar.中国/", "http://foobar.پاکستان/").At(5, 24, 42),

            // The later copy (conformance/tests/extract.yml): urls, urls_with_indices, urls_with_directional_markers, tco_urls_with_params
            new("Later: Extract a lone unicode url", "http://ああ.com", "http://ああ.com"),
            new("Later: Extract a lone unicode url with -", "http://あ-あ.com", "http://あ-あ.com"),
            new("Later: Extract valid URL: http://example.com/", "test http://example.comだよね.comtest/hogehoge", "http://example.com"),
            new("Later: Extract valid URL with hyphen as query ending char", "text https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-", "https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-"),
            new("Later: Extract URLs with an en dash in the path", "Go to https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud please", "https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud"),
            new(
                "Later: Extract non-ASCII host name URLs with protocol, but ignore host names bigger than 63 characters",
                "http://exampleこれは日本語です.com/path/index.html http://" + new string('あ', 300) + ".com/path/index.html",
                "http://exampleこれは日本語です.com/path/index.html"),
            new("Later: DO NOT extract invalid URL", "Hello http://xn--はじめよう.com/index.html"),
            new("Later: DO NOT extract URLs containing leading dashes in the domain with a subdomain", "test http://leadingdash.-twitter.com"),
            new("Later: DO NOT extract URLs containing trailing dashes in the domain with a subdomain", "test http://trailingdash.twitter-.com"),
            new("Later: DO NOT extract URLs containing leading underscores in the domain with a subdomain", "test http://leadingunderscore._twitter.com"),
            new("Later: DO NOT extract URLs containing trailing underscores in the domain with a subdomain", "test http://trailingunderscore.twitter_.com"),
            new("Later: Extract a t.co URL with a long path", "I really like http://t.co/abcdefghijklmnopqrstuvwxyz0123456789", "http://t.co/abcdefghijklmnopqrstuvwxyz0123456789"),
            new("Later: DO NOT extract URLs with > 40 characters in a t.co slug", "I really like http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234"),
            new("Later: Extract domain followed by Japanese characters", "example.comてすとですtwitter.みんなです", "example.com", "twitter.みんな"),
            new UrlCase("Later: Properly extract URL that contains t.co in referer", "http://www.foo.com?referer=https://t.co/abcde http://t.co/xyzzy", "http://www.foo.com?referer=https://t.co/abcde", "http://t.co/xyzzy").At(0, 46),
            new UrlCase("Later: Extract URLs from RTL text", "\u2066\u202Atest abcdef.com پاکستان http://twitter.com/\u202C\u2069", "abcdef.com", "http://twitter.com/").At(7, 26),
            new UrlCase(
                "Later: Extract URLs from RTL text with embedded directional marks",
                "This is a test \u2066\u202Atwitter.com\u202C\u2069 \u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069 قطر فلسطين عمان",
                "twitter.com",
                "http://foobar.پاکستان/").At(17, 33),
            new("Later: Extract valid URL with params: https://t.co/UqIyJAJTfo?amp=1", "text https://t.co/UqIyJAJTfo?amp=1", "https://t.co/UqIyJAJTfo?amp=1"),
            new("Later: Extract valid URL with params: https://t.co/UqIyJAJTfo?type=js", "text https://t.co/UqIyJAJTfo?type=js", "https://t.co/UqIyJAJTfo?type=js"),
            new("Later: Extract a valid URL with params: https://t.co/asdfdf?a=b#123", "text https://t.co/asdfdf?a=b#123", "https://t.co/asdfdf?a=b#123"),
            new("Later: Extract a valid URL with params: https://t.co/sadfasdf?a=b&c=d", "text https://t.co/sadfasdf?a=b&c=d", "https://t.co/sadfasdf?a=b&c=d"),
        };
        return cases.ToDictionary(c => c.Description);
    }
}

/// <summary>One conformance case: the URLs expected in <see cref="Text"/>, and where each starts when the suite says.</summary>
internal sealed record UrlCase(string Description, string Text, params string[] Urls)
{
    public IReadOnlyList<int>? Starts { get; private init; }

    public UrlCase At(params int[] starts) => this with { Starts = starts };

    /// <summary>The expected URLs as spans of <see cref="Text"/>: at the given starts, or else each after the previous one.</summary>
    public IReadOnlyList<(int Start, int Length)> Spans()
    {
        var spans = new List<(int, int)>();
        var searched = 0;
        for (var i = 0; i < Urls.Length; i++)
        {
            var start = Starts?[i] ?? Text.IndexOf(Urls[i], searched, StringComparison.Ordinal);
            spans.Add((start, Urls[i].Length));
            searched = start + Urls[i].Length;
        }

        return spans;
    }
}
