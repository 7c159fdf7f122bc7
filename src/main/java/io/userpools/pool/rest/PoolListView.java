package io.userpools.pool.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of ListUserPools; {@code nextToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolListView(List<PoolView> pools, String nextToken) {
}
