package io.github.serviceaccounts.servicenow;

import java.util.Locale;
import java.util.Objects;

/**
 * What makes a {@code sys_user} a service account this application may write to: its user
 * name starts with the account prefix, and ServiceNow recorded this application's
 * integration user as its creator ({@code sys_created_by}). Anything else (a person, an
 * account made by hand) is never written to.
 *
 * @param accountPrefix {@code serviceaccounts.account-prefix}, e.g. {@code svc_}
 * @param integrationUser the {@code user_name} ServiceNow knows this application's calls
 * by
 */
public record ServiceAccountPolicy(String accountPrefix, String integrationUser) {

	/** For tests and tools: the default prefix and the simulator's integration user. */
	public static final ServiceAccountPolicy DEFAULT = new ServiceAccountPolicy("svc_", "integration");

	public ServiceAccountPolicy {
		if (accountPrefix == null || accountPrefix.isBlank()) {
			throw new IllegalArgumentException(
					"serviceaccounts.account-prefix must not be empty: it is what tells a service account from a person");
		}
		accountPrefix = accountPrefix.strip().toLowerCase(Locale.ROOT);
		// Unknown (no credentials at all): no record can be shown to be ours, so nothing
		// is written to any user.
		integrationUser = integrationUser == null ? "" : integrationUser.strip();
	}

	boolean hasPrefix(String userName) {
		return userName != null && userName.toLowerCase(Locale.ROOT).startsWith(accountPrefix);
	}

	/**
	 * This application's own integration user: never adopted, governed, locked or
	 * retired, whatever group it is in.
	 */
	public boolean isIntegrationUser(String userName) {
		return !integrationUser.isEmpty() && Objects.toString(userName, "").equalsIgnoreCase(integrationUser);
	}

	boolean createdByUs(String createdBy) {
		return !integrationUser.isEmpty() && Objects.toString(createdBy, "").equalsIgnoreCase(integrationUser);
	}
}
