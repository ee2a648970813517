package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.REVISE_REQUEST;
import static io.github.serviceaccounts.request.RequestProcess.SERVICE_ACCOUNT_REQUESTED;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A refusal names a field as its form labels it: the labels come from the deployed forms,
 * and the form from the model ({@code camunda:formRef}).
 */
class FormLabelsTests {

	final FormLabels labels = FormLabels.deployed();

	@Test
	void aFieldIsNamedAsItsFormLabelsIt() {
		assertThat(labels.label(APPROVE_SERVICE_ACCOUNT, "approvalComment")).contains("Comment");
		assertThat(labels.label(APPROVE_SERVICE_ACCOUNT, "approved")).contains("Approve");
		assertThat(labels.label("requestServiceAccount", "accountUserName")).contains("Account user name");
		// the same variable under another label on another form
		assertThat(labels.label(APPROVE_SERVICE_ACCOUNT, "validationComment")).contains("Owner's comment");
		assertThat(labels.label(VALIDATE_SERVICE_ACCOUNT, "validationComment")).contains("Comment");
		// a variable the form does not show has no label there
		assertThat(labels.label("requestServiceAccount", "requester")).isEmpty();
		assertThat(labels.label(APPROVE_SERVICE_ACCOUNT, "accountSysId")).isEmpty();
	}

	@Test
	void withoutAFormAFieldIsNamedAsTheFormsThatLetAPersonEditItLabelIt() {
		assertThat(labels.label(null, "validationComment")).contains("Comment");
		assertThat(labels.label(null, "additionalGroups")).contains("Additional groups");
		// shown, but nowhere editable: no person ever types it
		assertThat(labels.label(null, "requester")).isEmpty();
		assertThat(labels.label(null, "noSuchField")).isEmpty();
		assertThat(labels.label("noSuchForm", "purpose")).contains("Purpose");
	}

	@Test
	void everyFieldAPersonCanEditHasOneLabelWhereverItCanBeEdited() throws IOException {
		Map<String, TreeSet<String>> labelsOfEditableFields = new TreeMap<>();
		ObjectMapper json = new ObjectMapper();
		try (Stream<Path> forms = Files.list(Path.of("forms"))) {
			for (Path form : forms.filter(file -> file.toString().endsWith(".form")).toList()) {
				collectEditable(json.readTree(form.toFile()).path("components"), labelsOfEditableFields);
			}
		}

		assertThat(labelsOfEditableFields).isNotEmpty();
		labelsOfEditableFields.forEach((field, fieldLabels) -> {
			assertThat(fieldLabels).as("labels of %s on the forms that let a person edit it", field).hasSize(1);
			assertThat(labels.label(null, field)).as(field).contains(fieldLabels.first());
		});
	}

	/**
	 * Every field a listener refuses (RequestRules, the listeners of the start event and
	 * of the user tasks) is on the form of that step, with a label.
	 */
	@Test
	void everyFieldTheListenersRefuseHasALabelOnItsForm() {
		Map<String, List<String>> refusedFields = Map.of("requestServiceAccount",
				List.of("accountUserName", "displayName", "purpose", "accountEmail", "additionalGroups"),
				REVISE_REQUEST,
				List.of("withdraw", "accountUserName", "displayName", "purpose", "accountEmail", "additionalGroups"),
				APPROVE_SERVICE_ACCOUNT, List.of("approved", "approvalComment"), VALIDATE_SERVICE_ACCOUNT,
				List.of("validationOutcome", "validationComment", "requestedGroups"));

		refusedFields.forEach((form, fields) -> fields
			.forEach(field -> assertThat(labels.label(form, field)).as("%s on %s", field, form).isPresent()));
	}

	@Test
	void aBrokenRuleIsOneSentenceNamingTheFieldByItsLabel() {
		assertThat(labels.sentence(APPROVE_SERVICE_ACCOUNT,
				new Violation("approvalComment", "is required when you reject")))
			.isEqualTo("Comment: is required when you reject.");
		assertThat(labels.sentences("requestServiceAccount",
				List.of(new Violation("displayName", "is required"),
						new Violation("purpose", "must be 10 to 2000 characters long (it has 8)"))))
			.isEqualTo("Display name: is required. Purpose: must be 10 to 2000 characters long (it has 8).");
		// the rules one field breaks, in one sentence
		assertThat(labels.sentences("requestServiceAccount",
				List.of(new Violation("accountUserName", "may contain only lowercase letters"),
						new Violation("displayName", "is required"),
						new Violation("accountUserName", "must start with 'svc_'."))))
			.isEqualTo("Account user name: may contain only lowercase letters; must start with 'svc_'. "
					+ "Display name: is required.");
		// a rule that names no field is a sentence of its own
		assertThat(labels.sentence("requestServiceAccount", Violation.of("the requester is the logged-in user")))
			.isEqualTo("The requester is the logged-in user.");
		// a value the form has no field for is not named by its variable
		assertThat(labels.sentence("requestServiceAccount", new Violation("accountSysId", "must be text")))
			.isEqualTo("A value the form does not show must be text.")
			.doesNotContain("accountSysId");
	}

	@Test
	void theFormOfAUserTaskOrOfTheStartEventIsItsFormRefInTheModel() throws IOException {
		BpmnModelInstance model;
		try (var in = Files.newInputStream(Path.of("processes", RequestProcess.PROCESS_ID + ".bpmn"))) {
			model = Bpmn.readModelFromStream(in);
		}
		DelegateTask approval = mock(DelegateTask.class);
		when(approval.getBpmnModelElementInstance()).thenReturn(model.getModelElementById(APPROVE_SERVICE_ACCOUNT));
		DelegateExecution start = mock(DelegateExecution.class);
		when(start.getBpmnModelElementInstance())
			.thenReturn(model.<FlowElement>getModelElementById(SERVICE_ACCOUNT_REQUESTED));
		DelegateExecution elsewhere = mock(DelegateExecution.class);
		when(elsewhere.getBpmnModelElementInstance())
			.thenReturn(model.<FlowElement>getModelElementById(RequestProcess.CHECK_REQUEST));

		assertThat(FormLabels.formOf(approval)).isEqualTo("approveServiceAccount");
		assertThat(FormLabels.formOf(start)).isEqualTo("requestServiceAccount");
		assertThat(FormLabels.formOf(elsewhere)).isNull();
		assertThat(FormLabels.formOf(mock(DelegateTask.class))).as("no model at hand").isNull();
	}

	private static void collectEditable(JsonNode components, Map<String, TreeSet<String>> labels) {
		for (JsonNode component : components) {
			boolean locked = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
			if (component.hasNonNull("key") && !locked) {
				labels.computeIfAbsent(component.path("key").asText(), key -> new TreeSet<>())
					.add(component.path("label").asText(""));
			}
			collectEditable(component.path("components"), labels);
		}
	}

}
