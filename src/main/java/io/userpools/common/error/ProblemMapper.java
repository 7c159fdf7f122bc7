package io.userpools.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.userpools.common.RequestIds;
import io.userpools.common.validation.InvalidTextException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into problem+json with the Cognito code; internals never leak. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response cognito(CognitoException e, HttpServerRequest request) {
        return respond(e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return respond(new InvalidParameterException(jsonDetail(e)), request);
    }

    /** Text that is not well-formed Unicode or holds NUL: refused, with where it was found. */
    @ServerExceptionMapper
    public Response invalidText(InvalidTextException e, HttpServerRequest request) {
        return json(e, request);
    }

    /** More specific than Quarkus's own mapper for this type, which would answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    /** Overrides the built-in Jackson mapper, which would answer plain JSON for an unknown field. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, request);
        }
        if (e.getCause() instanceof CognitoException cognito) {
            return respond(cognito, request);
        }
        int status = e.getResponse().getStatus();
        CognitoException mapped;
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a query or path parameter does not convert: it is bad input
            mapped = new InvalidParameterException("Invalid value for a query or path parameter");
        } else if (e instanceof NotFoundException) {
            mapped = new ResourceNotFoundException("No resource at " + request.path());
        } else if (e instanceof NotAllowedException) {
            mapped = new InvalidParameterException(405, "Method " + request.method() + " is not allowed on " + request.path());
        } else if (e instanceof NotSupportedException) {
            mapped = new InvalidParameterException(415, "Unsupported media type: send application/json");
        } else if (e instanceof NotAcceptableException) {
            mapped = new InvalidParameterException(406, "Only application/json answers are available");
        } else if (status == 413) {
            mapped = new InvalidParameterException(413, "Request body too large");
        } else if (status >= 400 && status < 500) {
            mapped = new InvalidParameterException(status, "Invalid request");
        } else {
            return unexpected(e, request);
        }
        return respond(mapped, request);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseFailures.isUnavailable(e)) {
            return respond(DatabaseFailures.unavailable(), request);
        }
        LOG.errorf(e, "Unexpected failure for request %s", RequestIds.of(request));
        return respond(new InternalErrorException("An internal error occurred."), request);
    }

    static Response respond(CognitoException e, HttpServerRequest request) {
        Problem body = Problem.of(e.code(), e.status(), e.getMessage(), RequestIds.of(request), e.violations());
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body);
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    private static String jsonDetail(JsonProcessingException e) {
        if (e instanceof InvalidTextException text) {
            return text.detail();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) e;
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return path.isEmpty() ? "Request body has the wrong shape" : "Field '" + path + "' has the wrong type";
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "Duplicate attribute name in request: " + message.substring("Duplicate field".length()).trim();
        }
        return "Malformed JSON in request body";
    }
}
