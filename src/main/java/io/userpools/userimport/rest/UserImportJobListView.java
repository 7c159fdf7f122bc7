package io.userpools.userimport.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a pool's import jobs, newest first; paginationToken is absent on the last page. */
@Schema(requiredProperties = {"jobs"})
public record UserImportJobListView(List<UserImportJobView> jobs, String paginationToken) {
}
