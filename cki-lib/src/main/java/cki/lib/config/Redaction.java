package cki.lib.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps secrets out of logs, reports and printed configuration. */
public final class Redaction {
    public static final String MASK = "[redacted]";

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|PRIVATE_KEY|API_KEY|AUTH).*");

    /** Header values, key=value pairs and URL user info that carry credentials. */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "(?i)((?:authorization|private-token|job-token|x-auth-token|cookie|set-cookie)\\s*[:=]\\s*)([^\\r\\n]+)"
            + "|((?:token|password|passwd|secret|access_key|secret_key|api_key)[\"']?\\s*[:=]\\s*[\"']?)([^\\s&\"',;]+)"
            + "|(://)([^/@\\s:]+):([^/@\\s]+)@"
            + "|((?i:https?)://)([^/@\\s:]+)@");
    /** The user info of a URL (user, user:password), up to the '@' before the host. */
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");

    private Redaction() {
    }

    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * The URL without its user info ({@code https://bot:TOKEN@host/x} becomes {@code https://host/x}):
     * for URLs written into files others read (KCIDB data, reports, manifests).
     */
    public static String stripUserInfo(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
    }

    /** Masks credentials found in free text (log messages, error bodies, URLs). */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = SECRET_IN_TEXT.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String replacement;
            if (matcher.group(1) != null) {
                replacement = matcher.group(1) + MASK;
            } else if (matcher.group(3) != null) {
                replacement = matcher.group(3) + MASK;
            } else if (matcher.group(5) != null) {
                replacement = matcher.group(5) + matcher.group(6) + ":" + MASK + "@";
            } else {
                replacement = matcher.group(8) + MASK + "@"; // an https user name alone is usually a token
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
