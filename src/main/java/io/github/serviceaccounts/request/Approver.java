package io.github.serviceaccounts.request;

/**
 * Who approves: a person ({@code userId}) or, when none is eligible, the fallback group.
 * The {@code reason} tells an operator why the routing came out this way.
 */
public record Approver(String userId, String group, String email, String reason) {

	static Approver person(String userId, String email) {
		return new Approver(userId, null, email, "the requester's manager in ServiceNow");
	}

	static Approver fallbackGroup(String group, String reason) {
		return new Approver(null, group, null, reason);
	}
}
