package io.github.serviceaccounts.servicenow;

/**
 * A {@code sys_user} record as this application needs it. ServiceNow sends every value as
 * a string; empty references and never-set dates arrive as {@code ""} and become
 * {@code null} here so that callers cannot mistake them for a real sys_id or time.
 *
 * @param lastLoginTime as ServiceNow writes it, {@code "YYYY-MM-DD HH:MM:SS"} in UTC, or
 * {@code null}
 * @param identityType {@code identity_type} ({@code human}, {@code machine},
 * {@code ai_agent}), or {@code null} when it is empty or the instance has no such field
 * (older releases); {@link ServiceNowClient#hasIdentityType()} tells the two apart
 * @param createdOn {@code sys_created_on}, {@code "YYYY-MM-DD HH:MM:SS"} in UTC, or
 * {@code null} when it was not read (a manager read through a reference)
 */
public record ServiceNowUser(String sysId, String userName, String firstName, String lastName, String email,
		String managerSysId, boolean active, boolean lockedOut, boolean webServiceAccessOnly,
		boolean passwordNeedsReset, String lastLoginTime, String identityType, String createdOn) {

	public ServiceNowUser {
		managerSysId = emptyToNull(managerSysId);
		lastLoginTime = emptyToNull(lastLoginTime);
		identityType = emptyToNull(identityType);
		createdOn = emptyToNull(createdOn);
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}
}
