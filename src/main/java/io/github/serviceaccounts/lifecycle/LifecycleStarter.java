package io.github.serviceaccounts.lifecycle;

import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts an account's lifecycle, once: the request's last step and an adoption call it,
 * and a second call for an account that is governed already (a retried job, an adoption
 * that overlaps a request) finds the running instance instead of starting another.
 */
@Component
public class LifecycleStarter {

	private static final Logger log = LoggerFactory.getLogger(LifecycleStarter.class);

	private final RuntimeService runtime;

	public LifecycleStarter(RuntimeService runtime) {
		this.runtime = runtime;
	}

	/**
	 * @param owner the owner's Camunda user id, as the calling step established it (never
	 * a form value)
	 * @param origin {@link LifecycleVariables#ORIGIN_REQUEST} or
	 * {@link LifecycleVariables#ORIGIN_ADOPTION}
	 * @return the lifecycle instance's id
	 */
	public String govern(String accountUserName, String accountSysId, String owner, String origin) {
		Optional<ProcessInstance> running = governing(runtime, accountUserName);
		if (running.isPresent()) {
			log.info("{} is governed already (lifecycle {}); not started again", accountUserName,
					running.get().getId());
			return running.get().getId();
		}
		ProcessInstance started = runtime.createProcessInstanceByKey(LifecycleProcess.PROCESS_ID)
			.businessKey(accountUserName)
			.setVariables(Variables.createVariables()
				.putValue(LifecycleVariables.ACCOUNT_USER_NAME.name(), accountUserName)
				.putValue(LifecycleVariables.ACCOUNT_SYS_ID.name(), accountSysId)
				.putValue(LifecycleVariables.OWNER.name(), owner)
				.putValue(LifecycleVariables.ORIGIN.name(), origin)
				.putValue(LifecycleVariables.LOCKED_BY_LIFECYCLE.name(), false))
			.execute();
		log.info("{} is governed now (lifecycle {}, owner {}, from {})", accountUserName, started.getId(), owner,
				origin);
		return started.getId();
	}

	/** The running lifecycle of the account, if it is governed. */
	public static Optional<ProcessInstance> governing(RuntimeService runtime, String accountUserName) {
		return Optional.ofNullable(runtime.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.processInstanceBusinessKey(accountUserName)
			.singleResult());
	}

}
