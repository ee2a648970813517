package io.github.serviceaccounts.lifecycle;

import io.github.serviceaccounts.servicenow.ServiceNowUser;

/** How people are named on forms and in mails: "Alice Example (alice)". */
final class LifecycleNames {

	private LifecycleNames() {
	}

	static String displayName(ServiceNowUser user) {
		String name = ((user.firstName() == null ? "" : user.firstName()) + " "
				+ (user.lastName() == null ? "" : user.lastName()))
			.strip();
		return name.isEmpty() ? user.userName() : name + " (" + user.userName() + ")";
	}

}
