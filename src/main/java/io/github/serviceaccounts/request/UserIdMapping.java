package io.github.serviceaccounts.request;

import java.util.Locale;

/**
 * The one rule that links people across the two systems: a Camunda user id equals the
 * ServiceNow {@code user_name} of the same person. ServiceNow compares user names without
 * regard to case, so comparisons here do too.
 */
public final class UserIdMapping {

	private UserIdMapping() {
	}

	public static String serviceNowUserName(String camundaUserId) {
		return camundaUserId;
	}

	public static String camundaUserId(String serviceNowUserName) {
		return serviceNowUserName;
	}

	public static boolean samePerson(String camundaUserId, String otherCamundaUserId) {
		return camundaUserId != null && otherCamundaUserId != null
				&& camundaUserId.toLowerCase(Locale.ROOT).equals(otherCamundaUserId.toLowerCase(Locale.ROOT));
	}

}
