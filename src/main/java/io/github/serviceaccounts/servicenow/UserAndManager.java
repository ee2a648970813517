package io.github.serviceaccounts.servicenow;

import java.util.Objects;
import java.util.Optional;

/**
 * A user and, read in the same call by dot-walking {@code manager.*}, the user's manager.
 *
 * @param manager empty when the user has no manager, or when the reference points at a
 * record that is gone or that the integration account may not read; the manager's record
 * carries only the fields read through the reference: sys_id, user_name, names, email and
 * active (no manager of their own, not locked out, no last login)
 */
public record UserAndManager(ServiceNowUser user, Optional<ServiceNowUser> manager) {

	public UserAndManager {
		Objects.requireNonNull(user, "user");
		Objects.requireNonNull(manager, "manager");
	}
}
