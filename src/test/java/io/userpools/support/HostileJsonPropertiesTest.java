package io.userpools.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.userpools.support.Hostile.Str;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik properties (run by jqwik's engine, beside Jupiter's) of the hostile JSON writer itself:
 * the hostile tests compare what the service stored with what they sent, which is only sound if a
 * string goes on the wire as exactly that string, lone surrogates and NUL included.
 */
class HostileJsonPropertiesTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Property(tries = 500, seed = Sampler.DEFAULT_SEED_TEXT)
    void aStringIsReadBackAsItWasWritten(@ForAll("strings") String value, @ForAll("styles") int style)
            throws IOException {
        try (JsonParser parser = JSON.createParser(new Str(value, style).bytes())) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(parser.getText()).isEqualTo(value);
        }
    }

    /**
     * What a JSON body can smuggle past the parser as bytes that are not UTF-8: Jackson refuses most,
     * but reads an overlong NUL (C0 80) as U+0000 and a code point beyond U+10FFFF (F4 90 80 80) as
     * lone low surrogates. So the service must check the strings it reads (NUL, lone surrogates),
     * not only their JSON escapes.
     */
    @Property(tries = 200, seed = Sampler.DEFAULT_SEED_TEXT)
    void bytesThatAreNotUtf8AreRefusedOrReadAsNulOrLoneSurrogates(@ForAll("strings") String value) throws IOException {
        String read;
        try (JsonParser parser = JSON.createParser(new Str(value, 2).bytes())) {
            parser.nextToken();
            read = parser.getText();
        } catch (JsonParseException refused) {
            return;
        }
        assertThat(read).isNotEqualTo(value);
        assertThat(read.chars().anyMatch(c -> c == 0 || Character.isSurrogate((char) c))).as(Hostile.show(read)).isTrue();
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(Hostile.text(), Arbitraries.strings().all().ofMaxLength(30));
    }

    @Provide
    Arbitrary<Integer> styles() {
        return Arbitraries.of(0, 1);
    }
}
