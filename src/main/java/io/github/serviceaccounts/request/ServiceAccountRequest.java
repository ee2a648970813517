package io.github.serviceaccounts.request;

import java.util.List;

/**
 * A request that passed {@link RequestRules}: the fields of the start form, normalised
 * (empty optional fields are null, groups are the allow-list's own spelling).
 */
public record ServiceAccountRequest(String accountUserName, String displayName, String purpose, String accountEmail,
		List<String> additionalGroups) {

	public ServiceAccountRequest {
		additionalGroups = List.copyOf(additionalGroups);
	}
}
