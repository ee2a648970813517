package io.github.serviceaccounts.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labels a person sees on the forms ({@code forms/*.form}, the Camunda Forms the
 * application deploys), so that a refusal names a field as its form labels it
 * ("Comment"), not by the variable behind it ({@code approvalComment}). The one place
 * that knows them; read once from the class path, as the engine deploys them.
 * <p>
 * A refusal raised where the form is known (a listener of a user task or of the start
 * event: its {@code camunda:formRef}) uses that form's label. Where it is not, a field is
 * named by the label it has on the forms where it can be edited, if they agree
 * ({@code FormLabelsTests} holds the forms to that).
 */
public final class FormLabels {

	private static final class Deployed {

		static final FormLabels FORMS = fromClasspath();

	}

	private final Map<String, Map<String, String>> labelsByForm;

	private final Map<String, String> editableLabels;

	private final Map<String, Set<String>> editableByForm;

	FormLabels(Map<String, Map<String, String>> labelsByForm, Map<String, Set<String>> editableByForm) {
		this.labelsByForm = Map.copyOf(labelsByForm);
		this.editableByForm = editableByForm.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue())));
		Map<String, Set<String>> labelsOfKey = new HashMap<>();
		editableByForm
			.forEach((form, keys) -> keys.forEach(key -> labelsOfKey.computeIfAbsent(key, k -> new HashSet<>())
				.add(labelsByForm.getOrDefault(form, Map.of()).get(key))));
		this.editableLabels = labelsOfKey.entrySet()
			.stream()
			.filter(entry -> entry.getValue().size() == 1 && !entry.getValue().contains(null))
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().iterator().next()));
	}

	/** The forms the application deploys. */
	public static FormLabels deployed() {
		return Deployed.FORMS;
	}

	static FormLabels fromClasspath() {
		Map<String, Map<String, String>> labels = new HashMap<>();
		Map<String, Set<String>> editable = new HashMap<>();
		ObjectMapper json = new ObjectMapper();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:forms/*.form")) {
				try (InputStream in = resource.getInputStream()) {
					JsonNode form = json.readTree(in);
					String id = form.path("id").asText();
					Map<String, String> formLabels = new HashMap<>();
					Set<String> formEditable = new HashSet<>();
					collect(form.path("components"), formLabels, formEditable);
					labels.put(id, formLabels);
					editable.put(id, formEditable);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the forms under forms/", ex);
		}
		return new FormLabels(labels, editable);
	}

	private static void collect(JsonNode components, Map<String, String> labels, Set<String> editable) {
		for (JsonNode component : components) {
			String label = component.path("label").asText("").strip();
			if (component.hasNonNull("key")) {
				String key = component.path("key").asText();
				if (!label.isEmpty()) {
					labels.put(key, label);
				}
				if (!component.path("disabled").asBoolean(false) && !component.path("readonly").asBoolean(false)) {
					editable.add(key);
				}
			}
			collect(component.path("components"), labels, editable);
		}
	}

	/**
	 * The label of a field: as the given form shows it or, when the form is not known
	 * (null), as every form that lets a person edit the field shows it. Empty when the
	 * field has no label there.
	 */
	/**
	 * The keys of the form's fields that a person can fill in (neither disabled nor
	 * read-only), labelled or not; empty when there is no such form. The engine guard
	 * lets a start or a completion set these and nothing else.
	 */
	public Optional<Set<String>> editableFields(String form) {
		return Optional.ofNullable(editableByForm.get(form));
	}

	public Optional<String> label(String form, String field) {
		if (field == null) {
			return Optional.empty();
		}
		if (form != null && labelsByForm.containsKey(form)) {
			return Optional.ofNullable(labelsByForm.get(form).get(field));
		}
		return Optional.ofNullable(editableLabels.get(field));
	}

	/**
	 * One broken rule as a sentence: "Comment: is required when you reject." A rule of no
	 * field, or of a value the form has no field for, is said without a variable name.
	 */
	public String sentence(String form, Violation violation) {
		Optional<String> label = label(form, violation.field());
		if (label.isPresent()) {
			return label.get() + ": " + period(violation.rule());
		}
		if (violation.field() == null) {
			return period(capitalized(violation.rule()));
		}
		return "A value the form does not show " + period(violation.rule());
	}

	/**
	 * Every broken rule: one sentence a field, its rules separated by semicolons
	 * ("Account user name: may contain only ...; must start with 'svc_' ..."), in the
	 * order found.
	 */
	public String sentences(String form, List<Violation> violations) {
		// A rule of no field stands alone: each gets a key of its own.
		Map<Object, List<Violation>> byField = new LinkedHashMap<>();
		for (Violation violation : violations) {
			byField
				.computeIfAbsent(violation.field() == null ? new Object() : violation.field(),
						field -> new ArrayList<>())
				.add(violation);
		}
		return byField.values()
			.stream()
			.map(rules -> rules.size() == 1 ? rules.get(0)
					: new Violation(rules.get(0).field(),
							rules.stream()
								.map(rule -> rule.rule().strip().replaceFirst("\\.$", ""))
								.collect(Collectors.joining("; "))))
			.map(violation -> sentence(form, violation))
			.collect(Collectors.joining(" "));
	}

	/** The form of a user task ({@code camunda:formRef}); null when it has none. */
	public static String formOf(DelegateTask task) {
		UserTask element = task.getBpmnModelElementInstance();
		return element == null ? null : element.getCamundaFormRef();
	}

	/**
	 * The form of the element an execution is at: the start form at the start event, a
	 * user task's form; null elsewhere.
	 */
	public static String formOf(DelegateExecution execution) {
		FlowElement element = execution.getBpmnModelElementInstance();
		if (element instanceof StartEvent start) {
			return start.getCamundaFormRef();
		}
		if (element instanceof UserTask task) {
			return task.getCamundaFormRef();
		}
		return null;
	}

	private static String period(String text) {
		String stripped = text.strip();
		return stripped.endsWith(".") || stripped.endsWith("?") || stripped.endsWith("!") ? stripped : stripped + ".";
	}

	private static String capitalized(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? stripped : Character.toUpperCase(stripped.charAt(0)) + stripped.substring(1);
	}

}
