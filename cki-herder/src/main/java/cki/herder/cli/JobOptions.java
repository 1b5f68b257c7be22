package cki.herder.cli;

import cki.herder.gitlab.JobRef;
import cki.lib.cli.UsageException;
import cki.lib.config.EnvVar;
import picocli.CommandLine.Option;

/** Which job: {@code --job-url URL} or {@code --project P --job-id N}. */
class JobOptions {
    @EnvVar("")
    @Option(names = "--job-url", paramLabel = "URL", description = "The job's page, https://HOST/GROUP/PROJECT/-/jobs/ID.")
    String jobUrl;

    @EnvVar("")
    @Option(names = "--project", paramLabel = "P", description = "Project id or path (group/project), with --job-id.")
    String project;

    @EnvVar("")
    @Option(names = "--job-id", paramLabel = "N", description = "Job id, with --project.")
    Long jobId;

    boolean given() {
        return jobUrl != null || project != null || jobId != null;
    }

    JobRef.Located locate() {
        if (jobUrl != null) {
            if (project != null || jobId != null) {
                throw new UsageException("--job-url: give either --job-url or --project with --job-id, not both");
            }
            return JobRef.fromUrl(jobUrl);
        }
        if (project == null || jobId == null) {
            throw new UsageException((project == null ? "--project" : "--job-id")
                    + ": missing (give --job-url, or --project with --job-id)");
        }
        return new JobRef.Located(null, new JobRef(project, jobId));
    }
}
