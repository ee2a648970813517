package io.github.serviceaccounts.servicenow;

/**
 * A {@code sys_user} record as this application needs it. ServiceNow sends every value as
 * a string; empty references and never-set dates arrive as {@code ""} and become
 * {@code null} here so that callers cannot mistake them for a real sys_id or time.
 *
 * @param lastLoginTime as ServiceNow writes it, {@code "YYYY-MM-DD HH:MM:SS"} in UTC, or
 * {@code null}
 */
public record ServiceNowUser(String sysId, String userName, String firstName, String lastName, String email,
		String managerSysId, boolean active, boolean lockedOut, boolean webServiceAccessOnly,
		boolean passwordNeedsReset, String lastLoginTime) {

	public ServiceNowUser {
		managerSysId = emptyToNull(managerSysId);
		lastLoginTime = emptyToNull(lastLoginTime);
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}
}
