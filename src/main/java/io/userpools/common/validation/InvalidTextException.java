package io.userpools.common.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/**
 * A JSON body that is not well-formed UTF-8, or a string or name in it that is not well-formed
 * Unicode or holds NUL ({@link UnicodeText}). A {@link JsonMappingException}, so that Jackson
 * carries it out unchanged and adds where in the body it was found; the error mapper answers it
 * with {@link #detail()} as 400 InvalidParameterException.
 */
public final class InvalidTextException extends JsonMappingException {

    private final String what;
    private final String defect;
    private final boolean name;

    /**
     * @param what   what is wrong, when it is not a field (such as "Request body"); null for a field,
     *               which is then named by its path in the body
     * @param defect {@link UnicodeText#NOT_UNICODE}, {@link UnicodeText#HAS_NUL} or {@link UnicodeText#NOT_UTF8}
     * @param name   whether it is an object's name (a map key) rather than a value
     */
    InvalidTextException(JsonParser parser, String what, String defect, boolean name) {
        super(parser, (what == null ? name ? "A name" : "A value" : what) + " " + defect);
        this.what = what;
        this.defect = defect;
        this.name = name;
    }

    /**
     * For the answer, without the value: {@code Field 'attributes.nickname' is not valid Unicode},
     * {@code A name in 'attributes' must not contain NUL}, {@code Request body is not valid UTF-8}.
     */
    public String detail() {
        if (what != null) {
            return what + " " + defect;
        }
        String path = getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (path.isEmpty()) {
            return getOriginalMessage();
        }
        return (name ? "A name in '" + path + "' " : "Field '" + path + "' ") + defect;
    }
}
