package io.github.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.serviceaccounts.lifecycle.AdoptAccountProcess;
import io.github.serviceaccounts.lifecycle.AdoptionProcess;
import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.lifecycle.LifecycleVariables;
import io.github.serviceaccounts.lifecycle.RetireProcess;
import io.github.serviceaccounts.lifecycle.SweepProcess;
import io.github.serviceaccounts.request.RequestProcess;
import io.github.serviceaccounts.request.RequestVariables;

/**
 * House rules for every model the application deploys, that no engine test would notice.
 * A new model joins {@link #MODELS} with the class that holds its ids.
 */
class ProcessModelTests {

	/**
	 * A model: its process id (= file name), the class of its ids, the class of its error
	 * codes (or null) and its start form (or null when no person starts it).
	 */
	record Model(String processId, String name, Class<?> ids, Class<?> errors, String startForm, String initiator) {

		BpmnModelInstance read() {
			return Bpmn.readModelFromFile(Path.of("processes", processId + ".bpmn").toFile());
		}

		@Override
		public String toString() {
			return processId;
		}

	}

	static final List<Model> MODELS = List.of(
			new Model(RequestProcess.PROCESS_ID, "Service account request", RequestProcess.class,
					RequestProcess.Errors.class, "requestServiceAccount", RequestVariables.REQUESTER.name()),
			new Model(LifecycleProcess.PROCESS_ID, "Service account lifecycle", LifecycleProcess.class,
					LifecycleProcess.Errors.class, null, null),
			new Model(RetireProcess.PROCESS_ID, "Retire service account", RetireProcess.class,
					RetireProcess.Errors.class, "retireServiceAccount",
					LifecycleVariables.RETIREMENT_REQUESTED_BY.name()),
			new Model(AdoptionProcess.PROCESS_ID, "Adopt existing service accounts", AdoptionProcess.class, null,
					"adoptServiceAccounts", LifecycleVariables.ADOPTION_STARTED_BY.name()),
			new Model(AdoptAccountProcess.PROCESS_ID, "Adopt service account", AdoptAccountProcess.class,
					AdoptAccountProcess.Errors.class, null, null),
			new Model(SweepProcess.PROCESS_ID, "Daily sweep of governed accounts", SweepProcess.class, null, null,
					null));

	static final Pattern GENERATED_ID = Pattern.compile(
			"(?i)^(Activity|Event|Gateway|StartEvent|EndEvent|ServiceTask|UserTask|Task|SequenceFlow|Flow|Process|Definitions)_[0-9a-z]{5,}$|_\\d+$");

	static List<Model> models() {
		return MODELS;
	}

	@Test
	void everyModelUnderProcessesIsChecked() throws Exception {
		try (var files = Files.list(Path.of("processes"))) {
			assertThat(files.map(file -> file.getFileName().toString().replace(".bpmn", "")))
				.containsExactlyInAnyOrderElementsOf(MODELS.stream().map(Model::processId).toList());
		}
	}

	@Test
	void theSweepStartsOnlyByItsTimerOnTheSetting() {
		BpmnModelInstance model = MODELS.get(MODELS.size() - 1).read();
		assertThat(model.getModelElementsByType(StartEvent.class)).singleElement()
			.satisfies(start -> assertThat(start.getEventDefinitions()).singleElement()
				.isInstanceOfSatisfying(org.camunda.bpm.model.bpmn.instance.TimerEventDefinition.class,
						timer -> assertThat(timer.getTimeCycle().getTextContent())
							.isEqualTo("${lifecycleTimers.sweep}")));
		assertThat(model.getModelElementsByType(UserTask.class)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("models")
	void fileIsNamedAfterTheProcessWhichHasAHistoryTimeToLiveAndItsStartForm(Model m) {
		BpmnModelInstance model = m.read();
		Process process = model.getModelElementById(m.processId());
		assertThat(process).isNotNull();
		assertThat(process.getName()).isEqualTo(m.name());
		assertThat(process.isCamundaStartableInTasklist()).isEqualTo(m.startForm() != null);
		assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
		StartEvent start = process.getChildElementsByType(StartEvent.class).iterator().next();
		assertThat(start.getCamundaInitiator()).isEqualTo(m.initiator());
		assertThat(start.getCamundaFormRef()).isEqualTo(m.startForm());
	}

	@ParameterizedTest
	@MethodSource("models")
	void everyServiceTaskIsAnAsynchronousSavePointWithRetriesAndABeanDelegate(Model m) {
		BpmnModelInstance model = m.read();
		Collection<ServiceTask> tasks = model.getModelElementsByType(ServiceTask.class);
		assertThat(tasks).isNotEmpty();
		for (ServiceTask task : tasks) {
			assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " asyncBefore").isTrue();
			assertThat(task.getCamundaClass()).as(task.getId() + " camunda:class").isNull();
			assertThat(task.getCamundaDelegateExpression()).as(task.getId() + " delegate")
				.matches("#\\{[a-z][A-Za-z]+Delegate\\}");
			assertThat(task.getExtensionElements()
				.getElementsQuery()
				.filterByType(CamundaFailedJobRetryTimeCycle.class)
				.count()).as(task.getId() + " retry cycle").isEqualTo(1);
		}
	}

	@ParameterizedTest
	@MethodSource("models")
	void theModelSetsNoVariablesItselfEveryListenerIsABean(Model m) {
		BpmnModelInstance model = m.read();
		List<ModelElementInstance> listeners = new ArrayList<>();
		listeners.addAll(model.getModelElementsByType(CamundaExecutionListener.class));
		listeners.addAll(model.getModelElementsByType(CamundaTaskListener.class));
		for (ModelElementInstance listener : listeners) {
			String where = listener.getParentElement().getParentElement().getAttributeValue("id") + " on "
					+ listener.getAttributeValue("event");
			// An expression, a class or a script would be logic hidden in the model,
			// untyped and untested.
			assertThat(listener.getAttributeValue("delegateExpression")).as(where)
				.matches("#\\{[a-z][A-Za-z]+Listener\\}");
			assertThat(listener.getAttributeValue("expression")).as(where).isNull();
			assertThat(listener.getAttributeValue("class")).as(where).isNull();
			assertThat(listener.getDomElement().getChildElements()).as(where + " script or fields").isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("models")
	void everyUserTaskUsesTheFormNamedAfterItAndThatFormExists(Model m) {
		BpmnModelInstance model = m.read();
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			assertThat(task.getCamundaFormRef()).as(task.getId()).isEqualTo(task.getId());
			assertThat(Files.exists(Path.of("forms", task.getId() + ".form"))).as("forms/" + task.getId() + ".form")
				.isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("models")
	void idsAreChosenAndNamesAreSentenceCase(Model m) {
		BpmnModelInstance model = m.read();
		for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
			assertThat(element.getId()).as("id of " + element.getElementType().getTypeName())
				.doesNotMatch(GENERATED_ID);
		}
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			String name = node.getName();
			if (name == null) {
				continue; // merging gateways carry no name
			}
			assertThat(name.substring(0, 1)).as(node.getId()).isUpperCase();
			assertThat(name.substring(1)).as(node.getId() + " sentence case").doesNotMatch(".*\\s[A-Z][a-z].*");
		}
	}

	@ParameterizedTest
	@MethodSource("models")
	void everyIdConstantNamesAnElementOfTheModel(Model m) {
		BpmnModelInstance model = m.read();
		Map<String, String> constants = constants(m.ids());
		assertThat(constants).containsEntry("PROCESS_ID", m.processId());
		constants.forEach((name, id) -> {
			if (!name.equals("PROCESS_ID")) {
				assertThat(name).as("the constant for " + id).isEqualTo(upperSnake(id));
				assertThat(model.<BaseElement>getModelElementById(id)).as(name + " = " + id)
					.isInstanceOf(FlowElement.class);
			}
		});
	}

	@ParameterizedTest
	@MethodSource("models")
	void everyTaskEventAndGatewayHasAnIdConstant(Model m) {
		BpmnModelInstance model = m.read();
		Collection<String> ids = constants(m.ids()).values();
		Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
		assertThat(nodes).isNotEmpty();
		for (FlowNode node : nodes) {
			assertThat(ids).as(node.getElementType().getTypeName() + " " + node.getId()).contains(node.getId());
		}
	}

	@ParameterizedTest
	@MethodSource("models")
	void theErrorCodeConstantsAreExactlyThoseOfTheModel(Model m) {
		BpmnModelInstance model = m.read();
		Map<String, String> codes = m.errors() == null ? Map.of() : constants(m.errors());
		codes.forEach((name, code) -> assertThat(name).as("the constant for " + code).isEqualTo(upperSnake(code)));
		// qualified, because java.lang.Error has the same simple name
		assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Error.class))
			.extracting(org.camunda.bpm.model.bpmn.instance.Error::getErrorCode)
			.containsExactlyInAnyOrderElementsOf(codes.values());
	}

	@ParameterizedTest
	@MethodSource("models")
	void everyElementIsDrawn(Model m) {
		BpmnModelInstance model = m.read();
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

	/** The public string constants of a class, by name. */
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

	/** {@code approveServiceAccount} -> {@code APPROVE_SERVICE_ACCOUNT} */
	static String upperSnake(String id) {
		return id.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
