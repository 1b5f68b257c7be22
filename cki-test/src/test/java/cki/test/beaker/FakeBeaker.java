package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cki.lib.json.Json;
import cki.test.support.SharedSchemas;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A Beaker hub on MockWebServer speaking the documented formats: XML-RPC at /RPC2
 * (auth.login_password sets a session cookie, jobs.upload needs it and answers "J:<n>", faults as
 * Beaker's BX exceptions), {@code GET /jobs/<n>} as the JSON of Beaker's Job.__json__ and
 * {@code GET /jobs/<n>.xml} as results XML like schemas/beaker/examples/complete-job-results.xml.
 * Recipes follow a scripted life per host group and attempt. Every uploaded job is validated
 * against beaker-job.rng.
 */
final class FakeBeaker extends Dispatcher {
    static final String USER = "ci-bot";
    static final String PASSWORD = "s3cret-pw";
    static final String COOKIE = "beaker_auth_token=token-123";

    /** One attempt of a recipe: the statuses it goes through, then its tasks' final status/result by path. */
    record Attempt(List<String> statuses, Map<String, String[]> tasks, String resultText) {
    }

    private final Map<String, List<Attempt>> scriptByGroup = new HashMap<>();
    private final Map<String, Integer> attemptsByGroup = new HashMap<>();
    private final List<String> uploads = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger served503 = new AtomicInteger();
    /** Uploads that fail with 503 before the job is stored. */
    final AtomicInteger refuseUploads = new AtomicInteger();
    /** Uploads whose job is stored but whose answer is lost (a 502 from a proxy in front of the hub). */
    final AtomicInteger loseUploadAnswers = new AtomicInteger();
    /** A broken hub (or proxy) that answers the login with a 500 quoting the request it got. */
    volatile boolean echoLogins;
    private final AtomicInteger ids = new AtomicInteger(100);
    /** Logs a finished task saves besides taskout.log, by task path: log name -> text (a KUnit task's KTAP). */
    final Map<String, Map<String, String>> savedLogs = new HashMap<>();
    /** What GET /recipes/R/tasks/T/logs/NAME serves, filled as results name the logs. */
    private final Map<String, String> servedLogs = new HashMap<>();

    private record Job(Document xml, Map<Element, Attempt> attempts, AtomicInteger polls) {
    }

    FakeBeaker script(String group, Attempt... attempts) {
        scriptByGroup.put(group, List.of(attempts));
        return this;
    }

    synchronized List<String> uploads() {
        return List.copyOf(uploads);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        try {
            if ("POST".equals(request.getMethod()) && path.equals("/RPC2")) {
                return rpc(request);
            }
            if (path.startsWith("/jobs/") && unavailable.get() > 0) {
                unavailable.decrementAndGet();
                served503.incrementAndGet();
                return new MockResponse.Builder().code(503).addHeader("Retry-After", "0")
                        .body("Service Unavailable").build();
            }
            if (path.matches("/recipes/\\d+/tasks/\\d+/logs/.+") && servedLogs.containsKey(path)) {
                return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(servedLogs.get(path))
                        .build();
            }
            if (path.matches("/jobs/\\d+\\.xml")) {
                Job job = jobs.get(Integer.parseInt(path.replaceAll("\\D", "")) - 1);
                return new MockResponse.Builder().addHeader("Content-Type", "text/xml").body(results(job)).build();
            }
            if (path.matches("/jobs/\\d+")) {
                if (!String.valueOf(request.getHeaders().get("Accept")).contains("application/json")) {
                    return new MockResponse.Builder().code(406).body("HTML page").build();
                }
                Job job = jobs.get(Integer.parseInt(path.substring("/jobs/".length())) - 1);
                return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                        .body(json(job, path.substring("/jobs/".length()))).build();
            }
            return new MockResponse.Builder().code(404).body("not found").build();
        } catch (Exception e) {
            return new MockResponse.Builder().code(500).body(e.toString()).build();
        }
    }

    private MockResponse rpc(RecordedRequest request) throws Exception {
        String body = request.getBody().string(StandardCharsets.UTF_8);
        XmlRpcServer.Call call = XmlRpcServer.parseCall(body);
        calls.add(call.method());
        if (echoLogins && call.method().equals("auth.login_password")) {
            return new MockResponse.Builder().code(500).body("Internal Server Error while handling " + body).build();
        }
        switch (call.method()) {
            case "auth.login_password":
                if (!USER.equals(call.params().get(0)) || !PASSWORD.equals(call.params().get(1))) {
                    return xml(XmlRpcServer.faultResponse(1,
                            "<class 'bkr.common.bexceptions.BX'>:Invalid username or password"));
                }
                return new MockResponse.Builder().addHeader("Set-Cookie", COOKIE + "; Path=/; HttpOnly")
                        .addHeader("Content-Type", "text/xml").body(XmlRpcServer.methodResponse(USER)).build();
            case "jobs.upload":
                if (!String.valueOf(request.getHeaders().get("Cookie")).contains(COOKIE)) {
                    return xml(XmlRpcServer.faultResponse(1, "<class 'cherrypy._cperror.HTTPError'>:Anonymous access denied"));
                }
                String jobXml = (String) call.params().get(0);
                assertEquals(List.of(), new BeakerJobSchemaChecker().errors(jobXml), "uploaded job must be valid");
                if (jobXml.contains("/kernel/does-not-exist")) {
                    return xml(XmlRpcServer.faultResponse(1, "<class 'bkr.common.bexceptions.BX'>:Invalid task(s): "
                            + "/kernel/does-not-exist"));
                }
                if (refuseUploads.get() > 0) {
                    refuseUploads.decrementAndGet();
                    return new MockResponse.Builder().code(503).body("Service Unavailable").build();
                }
                uploads.add(jobXml);
                jobs.add(newJob(jobXml));
                if (loseUploadAnswers.get() > 0) {
                    loseUploadAnswers.decrementAndGet();
                    return new MockResponse.Builder().code(502).body("Bad Gateway").build();
                }
                return xml(XmlRpcServer.methodResponse("J:" + jobs.size()));
            case "jobs.filter":
                // Beaker's jobs.filter: whiteboard is a substring match; mine needs the session
                Map<?, ?> filter = (Map<?, ?>) call.params().get(0);
                if (!String.valueOf(request.getHeaders().get("Cookie")).contains(COOKIE)) {
                    return xml(XmlRpcServer.faultResponse(1, "<class 'bkr.common.bexceptions.BX'>:You are not logged in"));
                }
                List<Object> found = new ArrayList<>();
                for (int i = 0; i < jobs.size(); i++) {
                    String whiteboard = jobs.get(i).xml().getElementsByTagName("whiteboard").item(0).getTextContent();
                    if (whiteboard.contains(String.valueOf(filter.get("whiteboard")))) {
                        found.add("J:" + (i + 1));
                    }
                }
                return xml(XmlRpcServer.methodResponse(found));
            default:
                return xml(XmlRpcServer.faultResponse(1, "method " + call.method() + " is not supported"));
        }
    }

    private Job newJob(String jobXml) throws Exception {
        Document document = XmlRpc.parse(jobXml);
        Map<Element, Attempt> attempts = new HashMap<>();
        for (Element set : XmlRpc.children(document.getDocumentElement(), "recipeSet")) {
            Element recipe = XmlRpc.children(set, "recipe").get(0);
            String group = recipe.getAttribute("whiteboard");
            int attempt = attemptsByGroup.merge(group, 1, Integer::sum);
            List<Attempt> script = scriptByGroup.get(group);
            attempts.put(recipe, script.get(Math.min(attempt, script.size()) - 1));
            recipe.setAttribute("id", Integer.toString(ids.incrementAndGet()));
            for (Element task : XmlRpc.children(recipe, "task")) {
                task.setAttribute("id", Integer.toString(ids.incrementAndGet()));
            }
        }
        return new Job(document, attempts, new AtomicInteger());
    }

    private static String status(Job job, Attempt attempt) {
        return attempt.statuses().get(Math.min(job.polls().get(), attempt.statuses().size() - 1));
    }

    private static boolean finished(String status) {
        return List.of("Completed", "Cancelled", "Aborted").contains(status);
    }

    private String json(Job job, String number) {
        job.polls().incrementAndGet();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", Integer.parseInt(number)).put("t_id", "J:" + number);
        root.put("whiteboard", job.xml().getElementsByTagName("whiteboard").item(0).getTextContent());
        ArrayNode sets = root.putArray("recipesets");
        boolean allFinished = true;
        for (Element set : XmlRpc.children(job.xml().getDocumentElement(), "recipeSet")) {
            Element recipe = XmlRpc.children(set, "recipe").get(0);
            String status = status(job, job.attempts().get(recipe));
            allFinished &= finished(status);
            ObjectNode jsonSet = sets.addObject().put("id", Integer.parseInt(recipe.getAttribute("id")) * 10)
                    .put("t_id", "RS:" + recipe.getAttribute("id")).put("status", status)
                    .put("is_finished", finished(status)).put("priority", "Normal");
            jsonSet.putArray("machine_recipes").addObject().put("id", Integer.parseInt(recipe.getAttribute("id")))
                    .put("t_id", "R:" + recipe.getAttribute("id")).put("status", status)
                    .put("result", finished(status) ? "Warn" : "New").put("is_finished", finished(status))
                    .put("whiteboard", recipe.getAttribute("whiteboard"));
        }
        root.put("status", allFinished ? "Completed" : "Running").put("is_finished", allFinished);
        return root.toString();
    }

    private String results(Job job) {
        Document document = (Document) job.xml().cloneNode(true);
        Element root = document.getDocumentElement();
        root.setAttribute("id", "1");
        List<Element> originals = new ArrayList<>();
        for (Element set : XmlRpc.children(job.xml().getDocumentElement(), "recipeSet")) {
            originals.add(XmlRpc.children(set, "recipe").get(0));
        }
        int index = 0;
        for (Element set : XmlRpc.children(root, "recipeSet")) {
            Element recipe = XmlRpc.children(set, "recipe").get(0);
            Attempt attempt = job.attempts().get(originals.get(index++));
            String status = status(job, attempt);
            recipe.setAttribute("status", status);
            recipe.setAttribute("result", status.equals("Aborted") ? "Warn" : "Pass");
            recipe.setAttribute("system", "host-" + recipe.getAttribute("id") + ".lab.example.com");
            for (Element task : XmlRpc.children(recipe, "task")) {
                String taskPath = null;
                for (Element param : XmlRpc.children(XmlRpc.child(task, "params").get(), "param")) {
                    if (param.getAttribute("name").equals(BeakerJobFactory.PARAM_PATH)) {
                        taskPath = param.getAttribute("value");
                    }
                }
                String[] outcome = finished(status) ? attempt.tasks().getOrDefault(taskPath,
                        new String[] {"Aborted", "Warn"}) : new String[] {"Running", "New"};
                task.setAttribute("status", outcome[0]);
                task.setAttribute("result", outcome[1]);
                task.setAttribute("start_time", "2025-03-01 10:00:00");
                task.setAttribute("finish_time", "2025-03-01 10:12:30");
                task.setAttribute("duration", "0:12:30");
                String taskId = task.getAttribute("id");
                Element logs = document.createElement("logs");
                Element log = document.createElement("log");
                log.setAttribute("href", "${BEAKER_SERVER_BASE_URL}recipes/" + recipe.getAttribute("id") + "/tasks/"
                        + taskId + "/logs/taskout.log");
                log.setAttribute("name", "taskout.log");
                logs.appendChild(log);
                if (finished(outcome[0]) && !outcome[0].equals("Aborted")) {
                    for (Map.Entry<String, String> saved : savedLogs.getOrDefault(taskPath, Map.of()).entrySet()) {
                        String logPath = "recipes/" + recipe.getAttribute("id") + "/tasks/" + taskId + "/logs/"
                                + saved.getKey();
                        Element extra = document.createElement("log");
                        extra.setAttribute("href", "${BEAKER_SERVER_BASE_URL}" + logPath);
                        extra.setAttribute("name", saved.getKey());
                        logs.appendChild(extra);
                        servedLogs.put("/" + logPath, saved.getValue());
                    }
                }
                task.appendChild(logs);
                Element results = document.createElement("results");
                Element result = document.createElement("result");
                result.setAttribute("path", task.getAttribute("name"));
                result.setAttribute("result", outcome[1]);
                result.setAttribute("score", "0");
                result.setTextContent(attempt.resultText() != null && outcome[0].equals("Aborted")
                        ? attempt.resultText() : "(" + outcome[1] + ")");
                results.appendChild(result);
                task.appendChild(results);
            }
        }
        return XmlRpc.serialize(document);
    }

    private static MockResponse xml(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/xml").body(body).build();
    }

    /** Validates with the shared schema: the fake plays Beaker, which validates every job it accepts. */
    static final class BeakerJobSchemaChecker {
        List<String> errors(String xml) {
            return BeakerJobSchema.file(SharedSchemas.beakerJobSchema()).validate(xml);
        }
    }
}
