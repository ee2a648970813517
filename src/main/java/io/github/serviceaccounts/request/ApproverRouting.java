package io.github.serviceaccounts.request;

import java.util.Optional;

import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * Chooses the approver: the requester's manager, unless the manager is missing, inactive
 * or the requester themself, in which case the fallback approver group decides.
 */
public final class ApproverRouting {

	private final String fallbackGroup;

	public ApproverRouting(String fallbackGroup) {
		this.fallbackGroup = fallbackGroup;
	}

	public Approver route(ServiceNowUser requester, Optional<ServiceNowUser> manager) {
		if (requester.managerSysId() == null) {
			return Approver.fallbackGroup(fallbackGroup, "the requester has no manager in ServiceNow");
		}
		if (manager.isEmpty()) {
			return Approver.fallbackGroup(fallbackGroup, "the requester's manager was not found in ServiceNow");
		}
		ServiceNowUser person = manager.get();
		if (!person.active()) {
			return Approver.fallbackGroup(fallbackGroup,
					"the requester's manager " + person.userName() + " is inactive");
		}
		if (person.sysId().equals(requester.sysId())
				|| UserIdMapping.samePerson(person.userName(), requester.userName())) {
			return Approver.fallbackGroup(fallbackGroup, "the requester is their own manager");
		}
		return Approver.person(UserIdMapping.camundaUserId(person.userName()), person.email());
	}

}
