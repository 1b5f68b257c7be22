package cki.lib.data;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds a JSON tree from a parser's tokens, the nodes {@code ObjectMapper.readTree} makes (same
 * number nodes, null for no document), without creating an ObjectMapper: the mapper's set-up
 * (serializer and deserializer factories, type factory, hundreds of classes) is most of reading a
 * small data file in a fresh JVM, and our data files need only the tree.
 */
final class DataTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DataTrees() {
    }

    /** The first document's tree, or null for an empty input (as {@code ObjectMapper.readTree(JsonParser)}). */
    static JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : value(parser, token);
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(parser.getDecimalValue())
                    : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser.getEmbeddedObject());
            default -> throw new IllegalStateException("unexpected token " + token + " at a value");
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken token = next(parser); token != JsonToken.END_OBJECT; token = next(parser)) {
            String name = parser.currentName();
            node.set(name, value(parser, next(parser)));
        }
        return node;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode node = NODES.arrayNode();
        for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
            node.add(value(parser, token));
        }
        return node;
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of the input");
        }
        return token;
    }

    /** YAML's !!binary is the one embedded value a YAML parser gives. */
    private static JsonNode embedded(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return value instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(value);
    }
}
