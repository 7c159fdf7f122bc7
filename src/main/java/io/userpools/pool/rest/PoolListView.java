package io.userpools.pool.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of ListUserPools; {@code nextToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"pools"})
public record PoolListView(List<PoolView> pools, String nextToken) {
}
