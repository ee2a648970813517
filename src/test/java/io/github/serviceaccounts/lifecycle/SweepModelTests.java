package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;

/**
 * The house rules of {@code processes/serviceAccountSweep.bpmn}, as
 * {@code request/ProcessModelTests} holds them for the request.
 */
class SweepModelTests {

	static final Path MODEL = Path.of("processes", SweepProcess.PROCESS_ID + ".bpmn");

	static final Pattern GENERATED_ID = Pattern.compile(
			"(?i)^(Activity|Event|Gateway|StartEvent|EndEvent|ServiceTask|UserTask|Task|SequenceFlow|Flow|Process|Definitions)_[0-9a-z]{5,}$|_\\d+$");

	final BpmnModelInstance model = Bpmn.readModelFromFile(MODEL.toFile());

	@Test
	void fileIsNamedAfterTheProcessWhichOnlyItsTimerStartsAndHasAHistoryTimeToLive() {
		Process process = model.getModelElementById(SweepProcess.PROCESS_ID);
		assertThat(process.getName()).isEqualTo("Daily sweep of governed accounts");
		assertThat(process.isCamundaStartableInTasklist()).isFalse();
		assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
		StartEvent start = model.getModelElementById(SweepProcess.SWEEP_DUE);
		TimerEventDefinition timer = (TimerEventDefinition) start.getEventDefinitions().iterator().next();
		assertThat(timer.getTimeCycle().getTextContent()).isEqualTo("${lifecycleTimers.sweep}");
		assertThat(model.getModelElementsByType(StartEvent.class)).hasSize(1);
	}

	@Test
	void everyServiceTaskIsAnAsynchronousSavePointWithRetriesAndABeanDelegate() {
		Collection<ServiceTask> tasks = model.getModelElementsByType(ServiceTask.class);
		assertThat(tasks).hasSize(1);
		for (ServiceTask task : tasks) {
			assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " asyncBefore").isTrue();
			assertThat(task.getCamundaClass()).as(task.getId() + " camunda:class").isNull();
			assertThat(task.getCamundaDelegateExpression()).as(task.getId() + " delegate")
				.matches("#\\{[a-z][A-Za-z]+Delegate\\}");
			CamundaFailedJobRetryTimeCycle retries = task.getExtensionElements()
				.getElementsQuery()
				.filterByType(CamundaFailedJobRetryTimeCycle.class)
				.singleResult();
			assertThat(retries.getTextContent()).as(task.getId() + " retry cycle")
				.isEqualTo("${retryPolicy.timeCycle}");
		}
	}

	@Test
	void noUserTasksNoListeners() {
		assertThat(model.getModelElementsByType(UserTask.class)).isEmpty();
		assertThat(model.getDocument().getDomSource().toString()).doesNotContain("camunda:executionListener");
	}

	@Test
	void idsAreChosenAndNamesAreSentenceCase() {
		for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
			assertThat(element.getId()).as("id of " + element.getElementType().getTypeName())
				.doesNotMatch(GENERATED_ID);
		}
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			assertThat(node.getName()).as(node.getId()).isNotBlank();
			assertThat(node.getName().substring(0, 1)).as(node.getId()).isUpperCase();
			assertThat(node.getName().substring(1)).as(node.getId() + " sentence case")
				.doesNotMatch(".*\\s[A-Z][a-z].*");
		}
	}

	@Test
	void theConstantsOfSweepProcessAreExactlyTheModelsNodes() {
		Map<String, String> constants = constants(SweepProcess.class);
		constants.forEach((name, id) -> {
			if (!name.equals("PROCESS_ID")) {
				assertThat(name).as("the constant for " + id).isEqualTo(upperSnake(id));
				assertThat(model.<BaseElement>getModelElementById(id)).as(name + " = " + id)
					.isInstanceOf(FlowElement.class);
			}
		});
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			assertThat(constants.values()).as(node.getId()).contains(node.getId());
		}
	}

	@Test
	void everyElementIsDrawn() {
		for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
			boolean drawn = element instanceof SequenceFlow
					? model.getModelElementsByType(BpmnEdge.class)
						.stream()
						.anyMatch(edge -> edge.getBpmnElement() == element)
					: model.getModelElementsByType(BpmnShape.class)
						.stream()
						.anyMatch(shape -> shape.getBpmnElement() == element);
			assertThat(drawn).as(element.getId() + " has DI").isTrue();
		}
	}

	static Map<String, String> constants(Class<?> type) {
		Map<String, String> constants = new TreeMap<>();
		for (Field field : type.getDeclaredFields()) {
			int modifiers = field.getModifiers();
			if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
				try {
					constants.put(field.getName(), (String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return constants;
	}

	static String upperSnake(String id) {
		return id.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
