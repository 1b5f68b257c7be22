package cki.build.kernel;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code cki build} was asked to do, as given on the command line (not yet checked).
 *
 * @param buildDir the out-of-tree object directory ({@code O=}); null means one named after the output
 *     directory in the user's own {@link DefaultBuildDirectory}
 * @param crossCompile null means the architecture's own prefix when it is not this machine's
 */
public record BuildRequest(Path source, Path output, Path buildDir, String arch, String config,
        List<String> fragments, List<String> targets, int jobs, String crossCompile, boolean ccache,
        List<String> makeVars, String uploadTo, String checkoutId, String origin) {
}
