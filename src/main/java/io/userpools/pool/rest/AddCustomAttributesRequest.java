package io.userpools.pool.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.pool.CreatePoolCommand;
import io.userpools.pool.rest.CreateUserPoolRequest.SchemaAttributeRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of AddCustomAttributes: 1 to 25 custom attributes, each named without its
 * {@code custom:} prefix, as in a pool's schema.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record AddCustomAttributesRequest(
        @NotNull @Size(min = 1, max = 25) List<@Valid @NotNull SchemaAttributeRequest> schema) {

    /** The custom attributes this body asks for. */
    public List<CreatePoolCommand.SchemaAttributeInput> toAttributes() {
        return CreateUserPoolRequest.schema(schema);
    }
}
