package io.userpools.user.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.user.UserListing;
import java.util.List;

/** One ListUsers page; {@code paginationToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserListView(List<UserView> users, String paginationToken) {

    public static UserListView of(UserListing.Page page) {
        return new UserListView(page.users().stream().map(UserView::of).toList(), page.paginationToken());
    }
}
