package io.github.serviceaccounts.servicenow;

import java.util.List;
import java.util.Objects;

/**
 * The roles a user holds and, dot-walked through the same rows, the user's last login.
 *
 * @param lastLoginTime {@code "YYYY-MM-DD HH:MM:SS"} in UTC, or {@code null} when the
 * user never logged in or holds no role at all (then there is no row to read it from)
 */
public record UserRoles(List<UserRole> roles, String lastLoginTime) {

	public UserRoles {
		roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
		lastLoginTime = (lastLoginTime == null || lastLoginTime.isEmpty()) ? null : lastLoginTime;
	}
}
