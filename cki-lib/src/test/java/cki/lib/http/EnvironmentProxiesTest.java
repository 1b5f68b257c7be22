package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which proxy a URL goes through, from the variables curl reads; what a bad value says. */
class EnvironmentProxiesTest {
    private static String proxyFor(Map<String, String> variables, String url) {
        return EnvironmentProxies.from(new Environment(variables)).proxyFor(URI.create(url))
                .map(p -> p.variable() + " " + p.display()).orElse("direct");
    }

    @ParameterizedTest(name = "no_proxy={0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "''                             | https://kcidb.example.org/submit     | https_proxy proxy:3128",
        "example.org                    | https://example.org/x                | direct",
        "example.org                    | https://kcidb.example.org/x          | direct",
        "example.org                    | https://badexample.org/x             | https_proxy proxy:3128",
        ".example.org                   | https://example.org/x                | direct",
        "*.example.org                  | https://a.b.example.org/x            | direct",
        "EXAMPLE.org                    | https://Kcidb.Example.ORG/x          | direct",
        "example.org.                   | https://kcidb.example.org./x         | direct",
        "*                              | https://anything.example/x           | direct",
        "'a.example, b.example'         | https://b.example/x                  | direct",
        "'a.example b.example'          | https://b.example/x                  | direct",
        "10.0.0.0/8                     | https://10.1.2.3/x                   | direct",
        "10.0.0.0/8                     | https://11.1.2.3/x                   | https_proxy proxy:3128",
        "10.0.0.0/8                     | https://ten.example/x                | https_proxy proxy:3128",
        "192.168.1.7                    | https://192.168.1.7:8443/x           | direct",
        "192.168.1.7                    | https://192.168.1.70/x               | https_proxy proxy:3128",
        "gitlab.example:8443            | https://gitlab.example:8443/x        | direct",
        "gitlab.example:8443            | https://gitlab.example/x             | https_proxy proxy:3128",
        "gitlab.example:443             | https://gitlab.example/x             | direct",
        "::1                            | https://[::1]:9000/x                 | direct",
        "[::1]:9000                     | https://[::1]:9000/x                 | direct",
        "fd00::/8                       | https://[fd12::5]/x                  | direct",
        "fd00::/8                       | https://[fe80::1]/x                  | https_proxy proxy:3128",
        "localhost                      | https://127.0.0.1/x                  | https_proxy proxy:3128",
        "localhost                      | https://localhost:9000/x             | direct",
        "''                             | https://s3_internal.corp:9000/b      | direct",
    })
    void noProxyDecidesWhatGoesDirect(String noProxy, String url, String expected) {
        assertEquals(expected, proxyFor(Map.of("https_proxy", "http://proxy:3128", "no_proxy", noProxy), url));
    }

    @Test
    void eachSchemeHasItsVariableLowerCaseFirstAndAllProxyAfterThem() {
        Map<String, String> both = Map.of("http_proxy", "plain:1", "HTTPS_PROXY", "http://secure:2");
        assertEquals("http_proxy plain:1", proxyFor(both, "http://a.example/"));
        assertEquals("HTTPS_PROXY secure:2", proxyFor(both, "https://a.example/"));
        assertEquals("https_proxy lower:3", proxyFor(Map.of("https_proxy", "lower:3", "HTTPS_PROXY", "upper:4"),
                "https://a.example/"));
        Map<String, String> all = Map.of("ALL_PROXY", "http://all:5", "http_proxy", "plain:1");
        assertEquals("ALL_PROXY all:5", proxyFor(all, "https://a.example/"));
        assertEquals("http_proxy plain:1", proxyFor(all, "http://a.example/"));
        assertEquals("direct", proxyFor(Map.of("https_proxy", "secure:2"), "http://a.example/"));
        assertEquals("direct", proxyFor(Map.of(), "https://a.example/"));
        assertEquals("direct", proxyFor(Map.of("https_proxy", "secure:2", "NO_PROXY", "a.example"),
                "https://a.example/"));
        assertEquals("https_proxy proxy:80", proxyFor(Map.of("https_proxy", "http://proxy"), "https://a.example/"));
        assertEquals("https_proxy [fd00::1]:3128", proxyFor(Map.of("https_proxy", "http://[fd00::1]:3128"),
                "https://a.example/"));
    }

    /** Only a real literal is parsed as one: InetAddress would look a string like "300.1.1.7" up in DNS. */
    @Test
    void addressesAreReadWithoutLookingAnythingUp() {
        assertEquals(4, NoProxyRules.literalAddress("10.1.2.3").length);
        assertEquals(16, NoProxyRules.literalAddress("fd12::5").length);
        for (String notALiteral : new String[] {"300.1.1.7", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "gitlab.example"}) {
            assertEquals(null, NoProxyRules.literalAddress(notALiteral), notALiteral);
        }
    }

    @Test
    void credentialsComeFromTheUrlPercentDecoded() {
        EnvironmentProxies.HttpProxy proxy = EnvironmentProxies.from(new Environment(Map.of("https_proxy",
                "http://ci%40corp:p%3Ass+w@proxy:3128"))).proxyFor(URI.create("https://a.example/")).orElseThrow();
        assertEquals(okhttp3.Credentials.basic("ci@corp", "p:ss+w"), proxy.credentials());
        assertEquals(null, EnvironmentProxies.from(new Environment(Map.of("https_proxy", "proxy:3128")))
                .proxyFor(URI.create("https://a.example/")).orElseThrow().credentials());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "https_proxy | socks5://user:hunter2@proxy:1080      | https_proxy: socks5:// proxies are not supported",
        "HTTPS_PROXY | https://user:hunter2@proxy:443        | HTTPS_PROXY: https:// proxies are not supported",
        "http_proxy  | http://user:hunter2@:3128             | http_proxy: not a proxy URL",
        "http_proxy  | http://user:hunter2@proxy:3128/path   | http_proxy: a proxy URL has no path or query",
        "all_proxy   | http://user:hunter2@pro xy:3128       | all_proxy: not a proxy URL",
        "no_proxy    | 10.0.0.0/40                           | no_proxy: '10.0.0.0/40': a CIDR range needs 0-32 bits",
        "NO_PROXY    | gitlab.example:http                   | NO_PROXY: 'gitlab.example:http' has no port 1-65535",
        "no_proxy    | git/lab                               | no_proxy: 'git/lab' is no CIDR range",
        "no_proxy    | 'a.example, ~b'                       | no_proxy: '~b' is no host name, address or CIDR range",
    })
    void badValuesAreBadInputNamingTheVariableNotThePassword(String name, String value, String message) {
        UsageException e = assertThrows(UsageException.class,
                () -> EnvironmentProxies.from(new Environment(Map.of(name, value))));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void everyClientCarriesTheProxiesOfItsEnvironment() {
        assertTrue(HttpClients.builder(new Environment(Map.of("https_proxy", "proxy:3128"))).build()
                .proxySelector() instanceof EnvironmentProxies);
        assertFalse(HttpClients.builder(new Environment(Map.of("no_proxy", "*"))).build()
                .proxySelector() instanceof EnvironmentProxies, "no_proxy alone sets no proxy");
        assertThrows(UsageException.class,
                () -> HttpClients.builder(new Environment(Map.of("http_proxy", "socks5://proxy:1080"))));
    }
}
