package cki.herder.gitlab;

import cki.lib.cli.UsageException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job on a GitLab instance: the project (numeric id or path such as {@code group/project}) and the
 * job id. From {@code --job-url https://gitlab.example.com/group/project/-/jobs/42} or
 * {@code --project P --job-id N}.
 */
public record JobRef(String project, long jobId) {
    private static final Pattern JOB_PATH = Pattern.compile("^/(.+?)/-/jobs/(\\d+)/?$");

    /** The GitLab instance (scheme, host, port) and the job a job page URL points to. */
    public record Located(String baseUrl, JobRef job) {
    }

    public static Located fromUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--job-url: not a URL: '" + url + "'");
        }
        Matcher m = uri.getPath() == null ? null : JOB_PATH.matcher(uri.getPath());
        if (uri.getScheme() == null || uri.getHost() == null || m == null || !m.matches()) {
            throw new UsageException("--job-url: expected https://HOST/GROUP/PROJECT/-/jobs/ID, got '" + url + "'");
        }
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return new Located(base, new JobRef(m.group(1), Long.parseLong(m.group(2))));
    }

    /** What GitLab4J takes as a project: a Long id or a String path. */
    public Object projectIdOrPath() {
        return projectIdOrPath(project);
    }

    public static Object projectIdOrPath(String project) {
        return project.matches("\\d+") ? (Object) Long.valueOf(project) : project;
    }

    @Override
    public String toString() {
        return project + " job " + jobId;
    }
}
