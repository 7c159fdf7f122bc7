package io.userpools.history.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.history.HistoryService;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a user's history, newest first; {@code paginationToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"entries"})
public record HistoryView(List<HistoryEntryView> entries, String paginationToken) {

    static HistoryView of(HistoryService.Page page) {
        return new HistoryView(page.entries().stream().map(HistoryEntryView::of).toList(), page.paginationToken());
    }
}
