package io.userpools.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.userpools.common.validation.StrictJson;
import jakarta.inject.Singleton;

/**
 * A JSON object that names a field twice is refused rather than silently keeping the last value;
 * text that is not well-formed UTF-8 / Unicode, or holds NUL, is refused rather than altered
 * ({@link StrictJson}).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(StrictJson.module());
        installInputDecorator(mapper);
    }

    /** Quarkus hands over a built mapper, so its factory's decorator is set the only way left. */
    @SuppressWarnings("deprecation")
    private static void installInputDecorator(ObjectMapper mapper) {
        mapper.getFactory().setInputDecorator(StrictJson.BYTES);
    }
}
