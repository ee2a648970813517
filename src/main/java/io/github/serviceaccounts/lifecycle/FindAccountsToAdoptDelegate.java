package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestProcess;
import io.github.serviceaccounts.servicenow.AccountPage;
import io.github.serviceaccounts.servicenow.AccountState;
import io.github.serviceaccounts.servicenow.ServiceAccountPolicy;
import io.github.serviceaccounts.servicenow.ServiceNowClient;

/**
 * "Find accounts to adopt": reads one page of accounts from ServiceNow (one call): the
 * active members of the service-account group, then, where the instance has
 * identity_type, the active machine identities. Each account that is not governed, not
 * being adopted and not being requested gets its own "Adopt service account". One page a
 * step: a failure repeats one page, and an account adopted from the first page is
 * governed (or being adopted) when the page is read again, so nothing starts twice.
 */
@Component
class FindAccountsToAdoptDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(FindAccountsToAdoptDelegate.class);

	private final ServiceNowClient serviceNow;

	private final GovernedAccounts accounts;

	private final int pageSize;

	private final ServiceAccountPolicy policy;

	FindAccountsToAdoptDelegate(ServiceNowClient serviceNow, GovernedAccounts accounts, LifecycleProperties settings,
			ServiceAccountPolicy policy) {
		this.serviceNow = serviceNow;
		this.accounts = accounts;
		this.pageSize = settings.sweepPageSize();
		this.policy = policy;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String source = ADOPTION_SOURCE.find(execution).orElse(SOURCE_GROUP);
		long offset = ADOPTION_OFFSET.find(execution).orElse(0L);
		AccountPage page = SOURCE_GROUP.equals(source)
				? serviceNow.groupMembersPage(accounts.defaultGroupSysId(), (int) offset, pageSize)
				: serviceNow.machineIdentitiesPage((int) offset, pageSize);
		Map<String, AccountState> found = new LinkedHashMap<>();
		page.accounts().forEach(state -> found.putIfAbsent(key(state.account().userName()), state));
		Set<String> busy = busy(execution.getProcessEngineServices().getHistoryService(), found);
		RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
		long started = 0;
		long skipped = 0;
		for (AccountState state : found.values()) {
			if (busy.contains(key(state.account().userName()))) {
				continue;
			}
			if (policy.isIntegrationUser(state.account().userName())) {
				log.info("skipped {}: the integration user this application signs in as is never adopted",
						state.account().userName());
				skipped++;
				continue;
			}
			runtime.startProcessInstanceByKey(AdoptAccountProcess.PROCESS_ID, state.account().userName(),
					Variables.createVariables()
						.putValue(ACCOUNT_USER_NAME.name(), state.account().userName())
						.putValue(ACCOUNT_SYS_ID.name(), state.account().sysId()));
			started++;
		}
		ACCOUNTS_READ.set(execution, ACCOUNTS_READ.find(execution).orElse(0L) + page.accounts().size());
		ADOPTION_COUNT.set(execution, ADOPTION_COUNT.find(execution).orElse(0L) + started);
		log.info("read {} accounts ({} from offset {}); {} adoptions started, {} governed or under way already",
				page.accounts().size(), source, offset, started, found.size() - started - skipped);
		if (page.more()) {
			ADOPTION_SOURCE.set(execution, source);
			ADOPTION_OFFSET.set(execution, offset + pageSize);
			MORE_TO_READ.set(execution, true);
		}
		else if (SOURCE_GROUP.equals(source) && serviceNow.hasIdentityType()) {
			ADOPTION_SOURCE.set(execution, SOURCE_MACHINE);
			ADOPTION_OFFSET.set(execution, 0L);
			MORE_TO_READ.set(execution, true);
		}
		else {
			MORE_TO_READ.set(execution, false);
		}
	}

	/** The accounts of the page that are governed, being adopted or being requested. */
	private static Set<String> busy(HistoryService history, Map<String, AccountState> found) {
		Set<String> busy = new HashSet<>();
		if (found.isEmpty()) {
			return busy;
		}
		String[] names = found.values().stream().map(state -> state.account().userName()).toArray(String[]::new);
		for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
			.unfinished()
			.processDefinitionKeyIn(LifecycleProcess.PROCESS_ID, AdoptAccountProcess.PROCESS_ID,
					RequestProcess.PROCESS_ID)
			.processInstanceBusinessKeyIn(names)
			.list()) {
			busy.add(key(instance.getBusinessKey()));
		}
		return busy;
	}

	private static String key(String userName) {
		return userName == null ? "" : userName.toLowerCase(Locale.ROOT);
	}

}
