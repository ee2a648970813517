package io.github.serviceaccounts.lifecycle;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.serviceaccounts.request.FormLabels;
import io.github.serviceaccounts.request.InvalidRequestException;
import io.github.serviceaccounts.request.SegregationOfDutiesListener.SegregationOfDutiesException;
import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.request.Violation;
import io.github.serviceaccounts.servicenow.QueryValues;

/**
 * Who may start an adoption: the run, only a fallback approver and one at a time; an
 * account's adoption, only the run (never a person, whatever their rights).
 */
@Configuration
class AdoptionStartListeners {

	@Bean
	ExecutionListener adoptionRunStartListener(ServiceAccountsProperties properties) {
		String fallbackGroup = properties.fallbackApproverGroup();
		return execution -> {
			Authentication current = current(execution);
			String form = FormLabels.formOf(execution);
			if (current == null || current.getGroupIds() == null || !current.getGroupIds().contains(fallbackGroup)) {
				throw new SegregationOfDutiesException(form,
						"Only a fallback approver (group " + fallbackGroup + ") can adopt existing service accounts.");
			}
			Object note = execution.getVariable(LifecycleVariables.ADOPTION_NOTE.name());
			if (note != null
					&& (!(note instanceof String text) || text.length() > LifecycleInputListener.LONGEST_TEXT)) {
				throw new InvalidRequestException(form, List.of(new Violation(LifecycleVariables.ADOPTION_NOTE.name(),
						"must be text of at most " + LifecycleInputListener.LONGEST_TEXT + " characters")));
			}
			if (execution.getProcessEngineServices()
				.getRuntimeService()
				.createProcessInstanceQuery()
				.processDefinitionKey(AdoptionProcess.PROCESS_ID)
				.count() > 0) {
				throw new InvalidRequestException(form, List
					.of(Violation.of("An adoption run is under way already; wait until it has read every page.")));
			}
		};
	}

	@Bean
	ExecutionListener accountAdoptionStartListener() {
		return execution -> {
			Authentication current = current(execution);
			if (current != null && current.getUserId() != null) {
				throw new SegregationOfDutiesException(FormLabels.formOf(execution),
						"An account's adoption is started by \"Adopt existing service accounts\"; "
								+ current.getUserId() + " cannot start one by hand.");
			}
			QueryValues.userName(LifecycleVariables.ACCOUNT_USER_NAME.name(),
					LifecycleVariables.ACCOUNT_USER_NAME.get(execution));
			QueryValues.sysId(LifecycleVariables.ACCOUNT_SYS_ID.name(),
					LifecycleVariables.ACCOUNT_SYS_ID.get(execution));
		};
	}

	private static Authentication current(DelegateExecution execution) {
		return execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
	}

}
