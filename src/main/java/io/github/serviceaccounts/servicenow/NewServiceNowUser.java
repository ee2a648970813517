package io.github.serviceaccounts.servicenow;

/**
 * What {@link ServiceNowClient#createUser(NewServiceNowUser)} writes. Tasklist submits an
 * empty optional field as {@code ""}; it is normalised to {@code null} so that no empty
 * value is written on purpose.
 *
 * @param email may be {@code null}
 * @param managerSysId may be {@code null}
 */
public record NewServiceNowUser(String userName, String firstName, String lastName, String email, String managerSysId) {

	public NewServiceNowUser {
		email = blankToNull(email);
		managerSysId = blankToNull(managerSysId);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}
}
