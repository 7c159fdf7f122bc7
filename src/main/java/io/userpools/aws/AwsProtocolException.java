package io.userpools.aws;

/**
 * An error of the AWS request layer, before any operation runs: a body that is not JSON, an
 * unknown target, a missing or wrong signature, an operation Userpools does not have. Always
 * HTTP 400 with the AWS name as {@code __type}.
 */
public class AwsProtocolException extends RuntimeException {

    private final String type;

    public AwsProtocolException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    /** The AWS exception name, such as {@code InvalidSignatureException}. */
    public String type() {
        return type;
    }

    static AwsProtocolException serialization(String message) {
        return new AwsProtocolException("SerializationException", message);
    }
}
