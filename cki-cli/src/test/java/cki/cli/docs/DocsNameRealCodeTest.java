package cki.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.cli.pipeline.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docs that name a class or a package that does not exist send a reader looking for nothing: every
 * class (`UpperCamelCase` in backquotes, optionally with `.member`) and every `cki.*` package the docs
 * and the README name must exist in the source tree.
 */
class DocsNameRealCodeTest {
    /** Backquoted words shaped like a Java class name: two or more capitalised humps, e.g. `KernelBuild`. */
    private static final Pattern CLASS_NAME = Pattern.compile("`([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)(?:\\.[a-zA-Z]\\w*)*(?:\\(\\))?`");
    /** Backquoted package names of ours, e.g. `cki.build.gitcache` (not logger names that end in a class). */
    private static final Pattern PACKAGE_NAME = Pattern.compile("`(cki\\.(?:lib|build|test|report|herder|cli)(?:\\.[a-z][a-z0-9]*)*)`");
    /** Product, format, JDK and library names that look like class names but are not ours to find. */
    private static final Set<String> NOT_CLASSES = Set.of("GitLab", "GitHub", "JavaScript", "RabbitMQ", "MinIO",
            "KernelCI", "OpenJDK", "JUnit", "GreenMail", "YouTube", "PyPI", "LinkedIn", "TuxMake", "MergeRequest",
            "NoSuchKey", "AccessDenied", "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable",
            "SignatureDoesNotMatch", "NoSuchBucket", "InvalidAccessKeyId", "RuntimeDefault", "ContentLength",
            "IllegalArgumentException", "HttpURLConnection", "MockWebServer", "CronJob", "HttpServer", "HttpClient",
            "ProcessBuilder");

    @Test
    void everyClassAndPackageTheDocsNameExists() throws IOException {
        Path root = ProjectFiles.root();
        Set<String> classes = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/")
                            && !root.relativize(file).toString().contains("target/")
                            && !root.relativize(file).toString().startsWith("."))
                    .forEach(file -> {
                        classes.add(file.getFileName().toString().replace(".java", ""));
                        String dir = root.relativize(file.getParent()).toString();
                        int java = dir.indexOf("/java/");
                        if (java >= 0) {
                            packages.add(dir.substring(java + "/java/".length()).replace('/', '.'));
                        }
                    });
        }
        assertTrue(classes.contains("CkiMain"), "found no sources under " + root);

        List<String> missing = new ArrayList<>();
        for (Path doc : docs(root)) {
            List<String> lines = Files.readAllLines(doc);
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1);
                Matcher className = CLASS_NAME.matcher(line);
                while (className.find()) {
                    String name = className.group(1);
                    if (!classes.contains(name) && !NOT_CLASSES.contains(name)) {
                        missing.add(root.relativize(doc) + ":" + number + ": class " + name);
                    }
                }
                Matcher packageName = PACKAGE_NAME.matcher(line);
                while (packageName.find()) {
                    String name = packageName.group(1);
                    if (!packages.contains(name) && !isLoggerOrResourceName(name, packages)) {
                        missing.add(root.relativize(doc) + ":" + number + ": package " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "docs name code that does not exist");
    }

    /** A new package without a line in the architecture page is a room nobody finds. */
    @Test
    void everyMainPackageIsInTheArchitecturePage() throws IOException {
        Path root = ProjectFiles.root();
        String architecture = Files.readString(root.resolve("docs/architecture.md"));
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            files.map(root::relativize).map(Path::toString)
                    .filter(file -> file.endsWith(".java") && file.contains("/src/main/java/") && !file.startsWith("."))
                    .forEach(file -> packages.add(file.substring(file.indexOf("/src/main/java/") + 15,
                            file.lastIndexOf('/')).replace('/', '.')));
        }
        assertTrue(packages.contains("cki.lib.config"), "found no packages under " + root);
        List<String> missing = packages.stream().filter(name -> !architecture.contains("`" + name + "`")).toList();
        assertEquals(List.of(), missing, "packages docs/architecture.md does not name");
    }

    /** `cki.herder` is a logger name as well as a package; `cki.build.gitcache.TarWriter`-like names are classes. */
    private static boolean isLoggerOrResourceName(String name, Set<String> packages) {
        return packages.stream().anyMatch(known -> known.startsWith(name + "."));
    }

    private static List<Path> docs(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }
}
