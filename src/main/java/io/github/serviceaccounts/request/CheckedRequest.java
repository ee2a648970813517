package io.github.serviceaccounts.request;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.serviceaccounts.request.GrantableGroups.GrantableGroup;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * A request that passed "Check request": what the rest of the process needs to know.
 *
 * @param manager the requester's manager as ServiceNow has them, if any
 * @param groups every group the account will get (the default group first) with the roles
 * it gives, as the approver should see them
 */
public record CheckedRequest(ServiceAccountRequest request, ServiceNowUser requester, Optional<ServiceNowUser> manager,
		String managerEmail, Approver approver, List<GrantableGroup> groups) {

	public CheckedRequest {
		Objects.requireNonNull(manager, "manager");
		groups = List.copyOf(groups);
	}

	/** "Alice Example", or the user name when ServiceNow has no name. */
	static String displayName(ServiceNowUser user) {
		String first = user.firstName() == null ? "" : user.firstName();
		String last = user.lastName() == null ? "" : user.lastName();
		String name = (first + " " + last).strip();
		return name.isEmpty() ? user.userName() : name;
	}

	/** "Beth Anglin (beth.anglin)", or a sentence saying there is none. */
	String managerText() {
		return manager
			.map(found -> displayName(found) + " (" + found.userName() + ")"
					+ (found.active() ? "" : ", inactive in ServiceNow"))
			.orElse("none in ServiceNow");
	}

	/**
	 * One line per group: "ServiceNow Service Accounts: itil, rest_api_explorer".
	 */
	String groupsWithRoles() {
		StringBuilder text = new StringBuilder();
		for (GrantableGroup group : groups) {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(group.group().name())
				.append(": ")
				.append(group.roles().isEmpty() ? "no roles" : String.join(", ", group.roles()));
		}
		return text.toString();
	}

}
