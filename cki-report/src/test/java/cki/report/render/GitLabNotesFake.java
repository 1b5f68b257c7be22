package cki.report.render;

import cki.lib.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** GitLab's notes API: list, create, update (https://docs.gitlab.com/api/notes/). */
final class GitLabNotesFake extends Dispatcher {
    final List<String> notes = new ArrayList<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    int failuresLeft;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        calls.add(request.getMethod() + " " + path);
        if (failuresLeft > 0) {
            failuresLeft--;
            return new MockResponse.Builder().code(502).body("Bad Gateway").build();
        }
        if (!"glpat-test".equals(request.getHeaders().get("PRIVATE-TOKEN"))) {
            return json(401, "{\"message\": \"401 Unauthorized\"}");
        }
        String base = "/api/v4/projects/kernel%2Fci/merge_requests/7/notes";
        try {
            if (path.equals(base) && request.getMethod().equals("GET")) {
                List<Object> list = new ArrayList<>();
                list.add(java.util.Map.of("id", 1, "body", "LGTM", "system", false));
                for (int i = 0; i < notes.size(); i++) {
                    list.add(java.util.Map.of("id", 100 + i, "body", notes.get(i), "system", false));
                }
                return json(200, Json.mapper().writeValueAsString(list));
            }
            String body = java.net.URLDecoder.decode(request.getBody().utf8(), java.nio.charset.StandardCharsets.UTF_8);
            String text = body.replaceFirst("^.*?body=", "").replaceFirst("&.*$", "");
            if (path.equals(base) && request.getMethod().equals("POST")) {
                notes.add(text);
                return json(201, Json.mapper().writeValueAsString(java.util.Map.of("id", 99 + notes.size(),
                        "body", text)));
            }
            if (path.startsWith(base + "/") && request.getMethod().equals("PUT")) {
                int index = Integer.parseInt(path.substring(base.length() + 1)) - 100;
                notes.set(index, text);
                return json(200, Json.mapper().writeValueAsString(java.util.Map.of("id", 100 + index,
                        "body", text)));
            }
        } catch (Exception e) {
            return json(500, "{}");
        }
        return json(404, "{\"message\": \"404 Not found\"}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
