package io.github.serviceaccounts.audit;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.lifecycle.AdoptAccountProcess;
import io.github.serviceaccounts.lifecycle.AdoptionProcess;
import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.lifecycle.RetireProcess;
import io.github.serviceaccounts.request.RequestProcess;

/**
 * Keeps each account's whole story for an audit: nothing of it while the account is
 * governed, however old, and all of it for {@code serviceaccounts.audit-retention} after
 * it retires. Camunda's removal-time-based history cleanup removes what has passed its
 * removal time; the engine stamps that time (end + the model's {@code historyTimeToLive})
 * on every history row of an instance when it ends. This plugin corrects it, with
 * Camunda's own {@code setRemovalTimeToHistoricProcessInstances} batch, as an instance
 * ends:
 * <ul>
 * <li>a request or an adoption that hands the account over to governance, and any
 * instance of an account whose lifecycle still runs (a retirement asked for it): no
 * removal time, kept;</li>
 * <li>the lifecycle (the account retired): every instance with the account's business
 * key, the request of years ago included, removed at the end of the retention from
 * now;</li>
 * <li>anything else (a rejected or withdrawn request, an adoption run): the model's time
 * to live, as before.</li>
 * </ul>
 * A batch runs on the job executor shortly after the commit; the models' own time to live
 * ({@code P2557D}, seven years) keeps a row far beyond that window meanwhile.
 */
@Component
@EnableConfigurationProperties(AuditProperties.class)
class AuditRetention extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	static final Set<String> ACCOUNT_PROCESSES = Set.of(RequestProcess.PROCESS_ID, LifecycleProcess.PROCESS_ID,
			RetireProcess.PROCESS_ID, AdoptAccountProcess.PROCESS_ID, AdoptionProcess.PROCESS_ID);

	private final AuditProperties properties;

	AuditRetention(AuditProperties properties) {
		this.properties = properties;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners = configuration
			.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
					: new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
		ExecutionListener onEnd = this::instanceEnded;
		listeners.add(new AbstractBpmnParseListener() {
			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
				if (ACCOUNT_PROCESSES.contains(processDefinition.getKey())) {
					processDefinition.addListener(ExecutionListener.EVENTNAME_END, onEnd);
				}
			}
		});
		configuration.setCustomPostBPMNParseListeners(listeners);
	}

	void instanceEnded(DelegateExecution execution) {
		String account = execution.getProcessBusinessKey();
		if (account == null || !execution.getId().equals(execution.getProcessInstanceId())) {
			return;
		}
		String process = processKey(execution);
		HistoryService history = execution.getProcessEngineServices().getHistoryService();
		if (LifecycleProcess.PROCESS_ID.equals(process)) {
			Date until = removalTime();
			Context.getCommandContext()
				.runWithoutAuthorization(() -> history.setRemovalTimeToHistoricProcessInstances()
					.absoluteRemovalTime(until)
					.byQuery(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(account))
					.hierarchical()
					.executeAsync());
			log.info("[{}] the account's lifecycle ended: its whole history is kept until {}", account,
					until.toInstant());
		}
		else if (Context.getCommandContext().runWithoutAuthorization(() -> governed(execution, process, account))) {
			Context.getCommandContext()
				.runWithoutAuthorization(() -> history.setRemovalTimeToHistoricProcessInstances()
					.clearedRemovalTime()
					.byIds(execution.getProcessInstanceId())
					.hierarchical()
					.executeAsync());
		}
	}

	/** The removal time of an account that retires now. */
	Date removalTime() {
		return Date.from(ClockUtil.getCurrentTime()
			.toInstant()
			.atZone(ZoneOffset.UTC)
			.plus(properties.auditRetention())
			.toInstant());
	}

	private static boolean governed(DelegateExecution execution, String process, String account) {
		String endedAt = execution.getCurrentActivityId();
		if (RequestProcess.PROCESS_ID.equals(process) && RequestProcess.SERVICE_ACCOUNT_PROVISIONED.equals(endedAt)) {
			return true;
		}
		if (AdoptAccountProcess.PROCESS_ID.equals(process) && AdoptAccountProcess.ACCOUNT_ADOPTED.equals(endedAt)) {
			return true;
		}
		ProcessEngine engine = execution.getProcessEngine();
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.processInstanceBusinessKey(account)
			.count() > 0;
	}

	private static String processKey(DelegateExecution execution) {
		return ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) execution).getProcessDefinition()
			.getKey();
	}

}
