package cki.lib.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Shared, lazily built Jackson mappers: JSON for results, YAML for behaviour-as-data files. */
public final class Json {
    private Json() {
    }

    private static final class JsonHolder {
        static final ObjectMapper MAPPER = configure(new ObjectMapper());
    }

    private static final class YamlHolder {
        static final ObjectMapper MAPPER = configure(new ObjectMapper(new YAMLFactory()));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static ObjectMapper mapper() {
        return JsonHolder.MAPPER;
    }

    public static ObjectMapper yaml() {
        return YamlHolder.MAPPER;
    }
}
