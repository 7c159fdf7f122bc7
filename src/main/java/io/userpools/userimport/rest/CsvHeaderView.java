package io.userpools.userimport.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The columns of a complete import file for the pool (GetCSVHeader). */
@Schema(requiredProperties = {"poolId", "csvHeader"})
public record CsvHeaderView(String poolId, List<String> csvHeader) {
}
