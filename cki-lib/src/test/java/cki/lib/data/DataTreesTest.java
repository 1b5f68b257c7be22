package cki.lib.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our tree builder against Jackson's own ObjectMapper.readTree, node classes included. */
class DataTreesTest {
    /** Built like DataFiles' factory: a builder-made YAMLFactory reads an empty value as "", not null. */
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder().build());

    @ParameterizedTest
    @ValueSource(strings = {
        "a: 1\nb: 2147483648\nc: 123456789012345678901234567890\nd: -7\n",
        "f: 1.5\ng: -0.25e3\ni: 1e400\n",
        "t: true\nu: false\nv: null\nw: ~\nx:\n",
        "s: text\nq: '1'\nm: |\n  two\n  lines\n",
        "- 1\n- [a, b, [c]]\n- {k: v, n: {deep: [1, {x: y}]}}\n- []\n- {}\n",
        "bin: !!binary aGVsbG8=\n",
        "plain scalar at the root\n",
        "42\n",
        "key with spaces: value\n\"quoted\": 'single'\n",
    })
    void sameTreeAsObjectMapper(String yaml) throws Exception {
        JsonNode expected = MAPPER.readTree(yaml);
        JsonNode ours = DataFiles.tree("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, ours);
        assertSameNodeClasses(expected, ours);
    }

    @Test
    void emptyDocumentIsNoTree() {
        assertNull(DataFiles.tree("empty.yaml", new byte[0]));
        assertNull(DataFiles.tree("comment.yaml", "# nothing here\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertSameNodeClasses(JsonNode expected, JsonNode ours) {
        assertEquals(expected.getClass(), ours.getClass(), expected.toString());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.isArray()) {
                assertSameNodeClasses(expected.get(i), ours.get(i));
            }
        }
        expected.fieldNames().forEachRemaining(name -> assertSameNodeClasses(expected.get(name), ours.get(name)));
    }
}
