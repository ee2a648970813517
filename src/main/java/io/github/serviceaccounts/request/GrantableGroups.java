package io.github.serviceaccounts.request;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;

/**
 * Resolves a group name to the ServiceNow group that may be granted: it must exist, be active and
 * hold no privileged role, whatever the allow-list says.
 */
@Component
public class GrantableGroups {

	static final Set<String> PRIVILEGED_ROLES = Set.of("admin", "security_admin");

	private final ServiceNowClient serviceNow;

	public GrantableGroups(ServiceNowClient serviceNow) {
		this.serviceNow = serviceNow;
	}

	/** @throws GroupNotGrantableException naming the group and why */
	public GrantableGroup require(String field, String groupName) {
		ServiceNowGroup group = serviceNow.findGroupByName(QueryValues.groupName(field, groupName))
			.orElseThrow(() -> new GroupNotGrantableException(field + ": the group '" + groupName + "' does not exist in ServiceNow"));
		if (!group.active()) {
			throw new GroupNotGrantableException(field + ": the group '" + groupName + "' is inactive in ServiceNow");
		}
		List<String> roles = serviceNow.findGroupRoleNames(group.sysId());
		List<String> privileged = roles.stream()
			.filter(role -> PRIVILEGED_ROLES.contains(role.toLowerCase(Locale.ROOT)))
			.toList();
		if (!privileged.isEmpty()) {
			throw new GroupNotGrantableException(field + ": the group '" + groupName + "' holds " + String.join(", ", privileged)
					+ " and is never granted to a service account");
		}
		return new GrantableGroup(group, roles);
	}

	/** A group that may be granted, with the roles its members inherit. */
	public record GrantableGroup(ServiceNowGroup group, List<String> roles) {
	}

	/** A group that cannot be granted; a business refusal, not a technical failure. */
	public static class GroupNotGrantableException extends RuntimeException {

		GroupNotGrantableException(String message) {
			super(message);
		}
	}
}
