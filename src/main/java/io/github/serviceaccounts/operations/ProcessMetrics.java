package io.github.serviceaccounts.operations;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.serviceaccounts.request.RequestProcess;

/**
 * Business metrics: {@code serviceaccounts_requests_total} by outcome (started, approved,
 * rejected, provisioned, withdrawn, account_withdrawn), counted once the engine's
 * transaction commits, and {@code serviceaccounts_incidents_open}. The model is not
 * touched: the counting listeners are added as it is parsed.
 */
@Component
class ProcessMetrics extends AbstractProcessEnginePlugin {

	// element id -> outcome; flows are counted when taken, events when reached
	private static final Map<String, String> OUTCOMES = Map.of(RequestProcess.SERVICE_ACCOUNT_REQUESTED, "started",
			RequestProcess.APPROVED_NEW_ACCOUNT, "approved", RequestProcess.REQUEST_REJECTED, "rejected",
			RequestProcess.SERVICE_ACCOUNT_PROVISIONED, "provisioned", RequestProcess.REQUEST_WITHDRAWN, "withdrawn",
			RequestProcess.SERVICE_ACCOUNT_WITHDRAWN, "account_withdrawn");

	private final MeterRegistry registry;

	ProcessMetrics(MeterRegistry registry, @Lazy RuntimeService runtimeService) {
		this.registry = registry;
		Gauge.builder("serviceaccounts.incidents.open", () -> runtimeService.createIncidentQuery().count())
			.description("Open incidents of service account requests and anything else the engine runs")
			.register(registry);
		OUTCOMES.values().forEach(this::counter);
	}

	private Counter counter(String outcome) {
		return Counter.builder("serviceaccounts.requests")
			.description("Service account requests by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	private ExecutionListener countAfterCommit(String outcome) {
		Counter counter = counter(outcome);
		return execution -> Context.getCommandContext()
			.getTransactionContext()
			.addTransactionListener(TransactionState.COMMITTED, context -> counter.increment());
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {

			@Override
			public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
				addOnEnd(activity);
			}

			@Override
			public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
				addOnEnd(activity);
			}

			@Override
			public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
				String outcome = OUTCOMES.get(transition.getId());
				if (outcome != null) {
					transition.addListener(ExecutionListener.EVENTNAME_TAKE, countAfterCommit(outcome));
				}
			}

			private void addOnEnd(ActivityImpl activity) {
				String outcome = OUTCOMES.get(activity.getId());
				if (outcome != null) {
					activity.addListener(ExecutionListener.EVENTNAME_END, countAfterCommit(outcome));
				}
			}
		});
	}

}
