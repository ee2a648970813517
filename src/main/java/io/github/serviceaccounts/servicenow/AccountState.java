package io.github.serviceaccounts.servicenow;

import java.util.Objects;
import java.util.Optional;

/**
 * An account and its owner (its {@code manager}), as one row of a page read them.
 *
 * @param manager the owner read through the reference (sys_id, user_name, names, email,
 * active only); empty when the account has no manager or the manager is gone
 * @param managerGone the account's {@code manager} reference is set but the record it
 * points at could not be read through it (deleted, or hidden from the integration user):
 * the account has lost its owner without anybody clearing the field
 */
public record AccountState(ServiceNowUser account, Optional<ServiceNowUser> manager, boolean managerGone) {

	public AccountState {
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(manager, "manager");
		if (managerGone && manager.isPresent()) {
			throw new IllegalArgumentException("a manager that is gone cannot be present");
		}
	}
}
