package io.userpools.common.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;

/**
 * JSON input is refused, never altered, when it is not text the service can keep as it came
 * ({@link UnicodeText}): the bytes of a body must be strict UTF-8 ({@link #BYTES}; Jackson by itself
 * reads overlong forms such as {@code C0 80} as NUL and mangles code points above U+10FFFF), and
 * every string value and every object name read as a map key must be well-formed Unicode without
 * NUL ({@link #module()}; a {@code \ud800} escape is well-formed JSON but not Unicode). Both fail
 * with {@link InvalidTextException}. Installed on the application's ObjectMapper by
 * {@link io.userpools.common.JsonSettings}, so they hold for every request body and for everything
 * else that mapper reads.
 */
public final class StrictJson {

    /** Checks the bytes of every body Jackson reads from bytes; character input is checked per string. */
    public static final InputDecorator BYTES = new InputDecorator() {

        @Override
        public InputStream decorate(IOContext context, InputStream in) throws IOException {
            // bodies are small (quarkus.http.limits.max-body-size) and already buffered by then
            byte[] all = in.readAllBytes();
            check(all, 0, all.length);
            return new ByteArrayInputStream(all);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws IOException {
            check(src, offset, length);
            return null;
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader;
        }
    };

    private StrictJson() {
    }

    /** The string and map-key checks. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("strict-text");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        return module;
    }

    private static void check(byte[] bytes, int offset, int length) throws InvalidTextException {
        if (!UnicodeText.isUtf8(ByteBuffer.wrap(bytes, offset, length))) {
            throw new InvalidTextException(null, "Request body", UnicodeText.NOT_UTF8, false);
        }
    }

    /** Jackson's own String reading (with its coercions), then the check. */
    private static final class CheckedStrings extends StdScalarDeserializer<String> {

        CheckedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, context);
            String defect = value == null ? null : UnicodeText.defect(value);
            if (defect != null) {
                throw new InvalidTextException(p, null, defect, false);
            }
            return value;
        }
    }

    private static final class CheckedKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            String defect = UnicodeText.defect(key);
            if (defect != null) {
                throw new InvalidTextException(context.getParser(), null, defect, true);
            }
            return key;
        }
    }
}
