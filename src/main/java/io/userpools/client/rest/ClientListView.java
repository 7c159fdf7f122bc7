package io.userpools.client.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of ListUserPoolClients (never a secret); {@code nextToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"clients"})
public record ClientListView(List<ClientView> clients, String nextToken) {
}
