package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestRecords;
import io.github.serviceaccounts.request.UserIdMapping;

/**
 * Who a mail goes to. People's addresses come from ServiceNow (read by "Check request");
 * the fallback approvers are the members of the Camunda group, with the addresses Camunda
 * knows.
 */
@Component
class Recipients {

	private final IdentityService identityService;

	private final HistoryService historyService;

	Recipients(@Lazy IdentityService identityService, @Lazy HistoryService historyService) {
		this.identityService = identityService;
		this.historyService = historyService;
	}

	/**
	 * The requester's address before "Check request" may have found it: the one
	 * ServiceNow gave, else the one Camunda knows for the user who started the request
	 * (the history's start user, not a variable).
	 */
	Optional<String> requester(VariableScope scope, String processInstanceId) {
		Optional<String> fromServiceNow = REQUESTER_EMAIL.find(scope).filter(email -> !email.isBlank());
		if (fromServiceNow.isPresent()) {
			return fromServiceNow;
		}
		return RequestRecords.startUser(historyService, processInstanceId)
			.map(userId -> identityService.createUserQuery().userId(userId).singleResult())
			.map(User::getEmail)
			.filter(email -> !email.isBlank());
	}

	String owner(VariableScope scope) {
		return REQUESTER_EMAIL.find(scope)
			.orElseThrow(() -> new IllegalStateException("The owner " + REQUESTER.find(scope).orElse("?")
					+ " has no e-mail address in ServiceNow; add one and retry"));
	}

	List<String> ownerAndManager(VariableScope scope) {
		Set<String> to = new LinkedHashSet<>();
		to.add(owner(scope));
		MANAGER_EMAIL.find(scope).ifPresent(to::add);
		return new ArrayList<>(to);
	}

	/**
	 * The assigned approver, or every member of the candidate group who has an address.
	 */
	List<String> approvers(VariableScope scope) {
		if (APPROVER_USER_ID.find(scope).isPresent()) {
			return MANAGER_EMAIL.find(scope).map(List::of).orElse(List.of());
		}
		// The requester may be in the fallback group, but never approves their own
		// request:
		// they are not asked to.
		String requester = REQUESTER.find(scope).orElse(null);
		return APPROVER_GROUP.find(scope)
			.map(group -> identityService.createUserQuery()
				.memberOfGroup(group)
				.list()
				.stream()
				.filter(user -> requester == null || !UserIdMapping.samePerson(user.getId(), requester))
				.map(User::getEmail)
				.filter(email -> email != null && !email.isBlank())
				.distinct()
				.toList())
			.orElse(List.of());
	}

}
