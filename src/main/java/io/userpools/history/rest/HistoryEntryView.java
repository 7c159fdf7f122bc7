package io.userpools.history.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.history.HistoryRepository.StoredEntry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One change of a user as history keeps it. {@code actor} and {@code changes} have the shapes of
 * the README's "Change history" section; no password material is ever among them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"id", "sub", "username", "version", "kind", "operation", "actor", "changes",
        "changedAt"})
public record HistoryEntryView(
        @Schema(description = "The entry's id; later entries of a pool have larger ids") long id,
        UUID sub,
        @Schema(description = "The username at the time of the change") String username,
        @Schema(description = "The user's version after the change") long version,
        @Schema(enumeration = {"created", "updated", "deleted"}) String kind,
        @Schema(description = "The Cognito operation, e.g. AdminUpdateUserAttributes") String operation,
        @Schema(description = "The request's X-Request-Id, as the access log prints it") String requestId,
        @Schema(type = SchemaType.OBJECT, description = "{\"type\":\"admin\",\"keyId\"}, "
                + "{\"type\":\"user\",\"clientId\",\"sub\"} or {\"type\":\"service\",\"reason\"}")
        Map<String, Object> actor,
        @Schema(type = SchemaType.OBJECT, description = "Members present only when changed: attributes and "
                + "pending ({name: {old, new}} or {name: {kept: false}}), status and enabled ({old, new}), "
                + "password (set, temporary or reset)")
        Map<String, Object> changes,
        Instant changedAt) {

    static HistoryEntryView of(StoredEntry entry) {
        return new HistoryEntryView(entry.id(), entry.sub(), entry.username(), entry.version(), entry.kind(),
                entry.operation(), entry.requestId(), entry.actor().getMap(), entry.changes().getMap(),
                entry.changedAt());
    }
}
