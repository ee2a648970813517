package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * "Tell owner and manager" (the account is disabled, and may still be kept) and "Tell
 * owner and manager it is retired". Both addresses are read from ServiceNow now.
 */
@Component
class NotifyRetirementDelegate implements JavaDelegate {

	private final GovernedAccounts accounts;

	private final LifecycleNotices notices;

	NotifyRetirementDelegate(GovernedAccounts accounts, LifecycleNotices notices) {
		this.accounts = accounts;
		this.notices = notices;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<String> to = new ArrayList<>();
		accounts.person(OWNER.get(execution)).ifPresent(owner -> {
			to.add(owner.user().email());
			OWNER_EMAIL.set(execution, owner.user().email());
			owner.manager().filter(ServiceNowUser::active).map(ServiceNowUser::email).ifPresent(to::add);
		});
		boolean retired = LifecycleProcess.NOTIFY_ACCOUNT_RETIRED.equals(execution.getCurrentActivityId());
		if (retired) {
			notices.send(to, execution, "retired",
					List.of("This service account is retired: it is inactive in ServiceNow and in no group but the "
							+ "service-account group. It is kept, not deleted, for the audit."),
					null);
			return;
		}
		notices.send(to, execution, "disabled, to be retired", List.of(
				RETIREMENT_REQUESTED_BY.get(execution) + " asked to retire this service account: "
						+ RETIREMENT_REASON.find(execution).orElse("no reason given"),
				"It is locked out now. Unless its owner objects in Tasklist within the grace period, it is "
						+ "retired then: made inactive, and removed from every group but the service-account group."),
				null);
	}

}
