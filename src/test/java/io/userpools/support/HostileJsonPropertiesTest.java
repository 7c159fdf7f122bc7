package io.userpools.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.userpools.support.Hostile.Str;
import io.userpools.support.Sampler.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Properties of the hostile JSON writer itself, checked on seeded samples ({@link Sampler}): the
 * hostile tests compare what the service stored with what they sent, which is only sound if a
 * string goes on the wire as exactly that string, lone surrogates and NUL included.
 */
class HostileJsonPropertiesTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void aStringIsReadBackAsItWasWritten() {
        Sampler.check("read back", Gen.combine(strings(), Gen.of(0, 1)).as(Str::new), Sampler.tries(500), str -> {
            try (JsonParser parser = JSON.createParser(str.bytes())) {
                JsonToken token = parser.nextToken();
                if (token != JsonToken.VALUE_STRING || !str.value().equals(parser.getText())) {
                    return new Failure("not read back", str + " read as " + token + " "
                            + (token == JsonToken.VALUE_STRING ? Hostile.show(parser.getText()) : ""));
                }
                return null;
            } catch (IOException e) {
                return new Failure("refused", str + ": " + e);
            }
        });
    }

    /**
     * What a JSON body can smuggle past the parser as bytes that are not UTF-8: Jackson refuses most,
     * but reads an overlong NUL (C0 80) as U+0000 and a code point beyond U+10FFFF (F4 90 80 80) as
     * lone low surrogates. So the service must check the strings it reads (NUL, lone surrogates),
     * not only their JSON escapes.
     */
    @Test
    void bytesThatAreNotUtf8AreRefusedOrReadAsNulOrLoneSurrogates() {
        Sampler.check("not UTF-8", strings(), Sampler.tries(200), value -> {
            String read;
            try (JsonParser parser = JSON.createParser(new Str(value, 2).bytes())) {
                parser.nextToken();
                read = parser.getText();
            } catch (JsonParseException refused) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (read.equals(value)) {
                return new Failure("read as sent", new Str(value, 2) + " read back unchanged");
            }
            if (read.chars().noneMatch(c -> c == 0 || Character.isSurrogate((char) c))) {
                return new Failure("read as other text", new Str(value, 2) + " read as " + Hostile.show(read));
            }
            return null;
        });
    }

    private static Gen<String> strings() {
        return Gen.oneOf(Hostile.text(), Gen.strings().all().ofMaxLength(30));
    }
}
