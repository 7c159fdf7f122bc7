package io.userpools.user.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.user.UserListing;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One ListUsers page; {@code paginationToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"users"})
public record UserListView(List<UserView> users, String paginationToken) {

    public static UserListView of(UserListing.Page page) {
        return new UserListView(page.users().stream().map(UserView::of).toList(), page.paginationToken());
    }
}
