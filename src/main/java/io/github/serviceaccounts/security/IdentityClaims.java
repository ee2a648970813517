package io.github.serviceaccounts.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the claims the OpenID provider vouches for into a Camunda user id and Camunda
 * groups, or refuses them in words. No user record is created: the engine checks its
 * group-based grants against the groups given with the authentication.
 */
class IdentityClaims {

	/** ServiceNow's {@code user_name} holds at most 40 characters. */
	static final int MAX_USER_ID_LENGTH = 40;

	private final String userIdClaim;

	private final String groupsClaim;

	private final Map<String, String> groupMapping;

	private final Pattern userIds;

	/**
	 * @param userIds the engine's {@code userResourceWhitelistPattern}, the rule Camunda
	 * user ids (and so ServiceNow user names) follow here
	 */
	IdentityClaims(IdentityProperties identity, Set<String> camundaGroups, Pattern userIds) {
		this.userIdClaim = identity.userIdClaim();
		this.groupsClaim = identity.groupsClaim();
		this.groupMapping = identity.groupMapping().isEmpty() ? identityMapping(camundaGroups)
				: identity.groupMapping();
		this.userIds = userIds;
	}

	private static Map<String, String> identityMapping(Set<String> camundaGroups) {
		Map<String, String> mapping = new java.util.LinkedHashMap<>();
		camundaGroups.forEach(group -> mapping.put(group, group));
		return mapping;
	}

	String userIdClaim() {
		return this.userIdClaim;
	}

	record Identity(String userId, List<String> groupIds) {
	}

	/**
	 * A refusal: {@code 401} when the claims are unusable, {@code 403} when no group
	 * maps.
	 */
	static final class Refused extends RuntimeException {

		private final int status;

		Refused(int status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	Identity identify(Map<String, Object> claims) {
		Object userId = claims.get(this.userIdClaim);
		if (!(userId instanceof String id) || id.isBlank()) {
			throw new Refused(401, "The token has no user id: its claim '" + this.userIdClaim
					+ "' is missing or empty (serviceaccounts.identity.user-id-claim names it)");
		}
		if (id.length() > MAX_USER_ID_LENGTH || !this.userIds.matcher(id).matches()) {
			throw new Refused(401,
					"The user id in claim '" + this.userIdClaim + "' is not a ServiceNow user name: letters, digits "
							+ "and '.', '_', '@', '-' between them, at most " + MAX_USER_ID_LENGTH + " characters");
		}
		Object groups = claims.get(this.groupsClaim);
		if (groups != null && !(groups instanceof Collection<?>)) {
			throw new Refused(401, "The token's claim '" + this.groupsClaim
					+ "' is not a list of group names (serviceaccounts.identity.groups-claim names it)");
		}
		Set<String> mapped = new LinkedHashSet<>();
		if (groups != null) {
			for (Object group : (Collection<?>) groups) {
				String camundaGroup = group instanceof String name ? this.groupMapping.get(name) : null;
				if (camundaGroup != null) {
					mapped.add(camundaGroup);
				}
			}
		}
		if (mapped.isEmpty()) {
			throw new Refused(403,
					"You (" + id + ") are in no group that has access here: none of the groups in claim '"
							+ this.groupsClaim + "' is mapped in serviceaccounts.identity.group-mapping");
		}
		return new Identity(id, List.copyOf(mapped));
	}

}
