package bench;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells the benchmark's "people" about each new approval and validation task as soon as its transaction
 * commits, so that they need not poll the database (polling cost up to a fifth of the CPU on H2, where
 * the database shares the JVM). Added to the product and to the floor alike; the model file is untouched:
 * the listener is attached while the BPMN is parsed.
 */
@Configuration(proxyBeanMethods = false)
class TaskFeed {

	record Created(String taskId, String taskDefinitionKey, String processInstanceId) {
	}

	static final Set<String> KEYS = Set.of("approveServiceAccount", "validateServiceAccount");

	static final BlockingQueue<Created> CREATED = new LinkedBlockingQueue<>();

	static Created next(long timeoutMillis) throws InterruptedException {
		return CREATED.poll(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	static void clear() {
		CREATED.clear();
	}

	@Bean
	AbstractProcessEnginePlugin benchTaskFeed() {
		return new AbstractProcessEnginePlugin() {

			@Override
			public void preInit(ProcessEngineConfigurationImpl configuration) {
				if (configuration.getCustomPostBPMNParseListeners() == null) {
					configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
				}
				configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {

					@Override
					public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
						if (!KEYS.contains(activity.getId())) {
							return;
						}
						TaskListener announce = task -> {
							Created created = new Created(task.getId(), task.getTaskDefinitionKey(), task.getProcessInstanceId());
							Context.getCommandContext().getTransactionContext()
								.addTransactionListener(TransactionState.COMMITTED, context -> CREATED.add(created));
						};
						((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
							.addTaskListener(TaskListener.EVENTNAME_CREATE, announce);
					}
				});
			}
		};
	}
}
