package cki.test.beaker;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * A finished (or timed-out) job's results XML ({@code GET /jobs/<id>.xml}, the format of
 * schemas/beaker/examples/complete-job-results.xml): recipes with their status, result and system,
 * tasks with params, logs and result lines.
 */
public record JobResults(String jobId, List<Recipe> recipes) {
    static final DateTimeFormatter BEAKER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One recipe (machine) of the job. */
    public record Recipe(String id, String whiteboard, String status, String result, String system, List<Task> tasks) {
    }

    /** One task of a recipe. */
    public record Task(String id, String name, String status, String result, Instant startTime, Double durationSeconds,
            Map<String, String> params, List<Log> logs, List<ResultLine> results) {
    }

    /** A log file Beaker stores for a task. */
    public record Log(String name, String href) {
    }

    /** One result a task reported (restraint's rstrnt-report-result, or Beaker's own on aborts). */
    public record ResultLine(String path, String result, String text) {
    }

    public static JobResults parse(String xml) throws IOException {
        Element job = XmlRpc.parse(xml).getDocumentElement();
        if (!"job".equals(job.getTagName())) {
            throw new IOException("not a Beaker job results XML: <" + job.getTagName() + ">");
        }
        List<Recipe> recipes = new ArrayList<>();
        for (Element recipeSet : XmlRpc.children(job, "recipeSet")) {
            for (Element recipe : XmlRpc.children(recipeSet, "recipe")) {
                recipes.add(recipe(recipe));
            }
        }
        return new JobResults(job.getAttribute("id"), List.copyOf(recipes));
    }

    private static Recipe recipe(Element recipe) {
        List<Task> tasks = new ArrayList<>();
        for (Element task : XmlRpc.children(recipe, "task")) {
            tasks.add(task(task));
        }
        return new Recipe(recipe.getAttribute("id"), recipe.getAttribute("whiteboard"), recipe.getAttribute("status"),
                recipe.getAttribute("result"), recipe.getAttribute("system"), List.copyOf(tasks));
    }

    private static Task task(Element task) {
        Map<String, String> params = new LinkedHashMap<>();
        XmlRpc.child(task, "params").ifPresent(list -> XmlRpc.children(list, "param")
                .forEach(param -> params.put(param.getAttribute("name"), param.getAttribute("value"))));
        List<Log> logs = new ArrayList<>();
        XmlRpc.child(task, "logs").ifPresent(list -> XmlRpc.children(list, "log")
                .forEach(log -> logs.add(new Log(log.getAttribute("name"), log.getAttribute("href")))));
        List<ResultLine> results = new ArrayList<>();
        XmlRpc.child(task, "results").ifPresent(list -> XmlRpc.children(list, "result")
                .forEach(result -> results.add(new ResultLine(result.getAttribute("path"), result.getAttribute("result"),
                        directText(result)))));
        Instant start = time(task.getAttribute("start_time"));
        Instant finish = time(task.getAttribute("finish_time"));
        Double duration = duration(task.getAttribute("duration"));
        if (duration == null && start != null && finish != null) {
            duration = (double) java.time.Duration.between(start, finish).toSeconds();
        }
        return new Task(task.getAttribute("id"), task.getAttribute("name"), task.getAttribute("status"),
                task.getAttribute("result"), start, duration, Map.copyOf(params), List.copyOf(logs),
                List.copyOf(results));
    }

    /** A result's own text, without the text of its nested logs element. */
    private static String directText(Element element) {
        StringBuilder text = new StringBuilder();
        for (org.w3c.dom.Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == org.w3c.dom.Node.TEXT_NODE || node.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        return text.toString().strip();
    }

    /** Beaker prints times as "2016-01-31 23:00:04" in UTC. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), BEAKER_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Beaker durations look like "0:58:56" (or "1 day, 2:03:04"). */
    static Double duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("(?:(\\d+) days?, )?(\\d+):(\\d{2}):(\\d{2})").matcher(text.strip());
        if (!matcher.matches()) {
            return null;
        }
        long days = matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1));
        return (double) (days * 86400 + Long.parseLong(matcher.group(2)) * 3600
                + Long.parseLong(matcher.group(3)) * 60 + Long.parseLong(matcher.group(4)));
    }
}
